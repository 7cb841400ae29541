using System;
using System.IO;
using System.Linq;
using AmpCapture;
using LstmGen.Tests.Support;
using Xunit;

namespace LstmGen.Tests.Models;

/// <summary>The amp sample's committed captures, its model chooser, its audio files and its streaming loop.</summary>
public sealed class AmpCaptureSampleTests
{
    private static string Capture(string name) => Path.Combine(AppContext.BaseDirectory, "captures", name);

    [Theory]
    [InlineData("crunch-h8.json", 8)]
    [InlineData("crunch-h20.json", 20)]
    public void Each_committed_capture_loads_into_its_size_and_imitates_the_amp(string file, int hiddenWidth)
    {
        ILstmModel<float> model = CaptureLibrary.Load(File.ReadAllBytes(Capture(file)));
        Assert.Equal(hiddenWidth, model.Structure.Layers[0].OutputWidth);
        Assert.Equal(1, model.Structure.ResidualWidth);

        float[] dry = GuitarSignal.Plucks(seconds: 3, seed: 3);
        var wet = new float[dry.Length];
        AmpProcessor.Process(model, dry, wet, ReferenceAmp.SampleRate, progress: null);
        double error = AmpProcessor.ErrorToSignal(ReferenceAmp.ProcessAll(dry), wet);
        Assert.True(error < 0.02, $"{file}: error-to-signal {error:P2}");
    }

    [Fact]
    public void The_baked_capture_gives_the_loaded_ones_bits()
    {
        float[] dry = GuitarSignal.Plucks(seconds: 1, seed: 4);
        var loaded = new float[dry.Length];
        var baked = new float[dry.Length];
        AmpProcessor.Process(CaptureLibrary.Load(File.ReadAllBytes(Capture("crunch-h20.json"))), dry, loaded, ReferenceAmp.SampleRate, null);
        AmpProcessor.Process(new BakedCrunch(), dry, baked, ReferenceAmp.SampleRate, null);
        Assert.Equal(loaded.Select(BitConverter.SingleToInt32Bits), baked.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_stereo_capture_gives_each_channel_the_mono_captures_bits()
    {
        float[] left = GuitarSignal.Plucks(seconds: 1, seed: 6);
        float[] right = GuitarSignal.Plucks(seconds: 1, seed: 7);
        var frames = new float[2 * left.Length];
        for (int t = 0; t < left.Length; t++)
        {
            frames[2 * t] = left[t];
            frames[(2 * t) + 1] = right[t];
        }

        var stereo = new float[frames.Length];
        AmpProcessor.Process(new StereoCrunch(), frames, stereo, ReferenceAmp.SampleRate, null);
        foreach ((float[] dry, int channel) in new[] { (left, 0), (right, 1) })
        {
            var mono = new float[dry.Length];
            AmpProcessor.Process(new BakedCrunch(), dry, mono, ReferenceAmp.SampleRate, null);
            Assert.Equal(mono.Select(BitConverter.SingleToInt32Bits), stereo.Where((_, k) => k % 2 == channel).Select(BitConverter.SingleToInt32Bits));
        }

        Assert.Throws<ArgumentException>("input", () => AmpProcessor.Process(new StereoCrunch(), new float[3], new float[3], ReferenceAmp.SampleRate, null));
    }

    [Fact]
    public void A_capture_of_another_size_is_refused_with_the_sizes_the_player_supports()
    {
        byte[] knob = File.ReadAllBytes(Path.Combine(ModelFixture.Folder, "amp-I2-H12-T40.json"));
        var error = Assert.Throws<InvalidDataException>(() => CaptureLibrary.Load(knob));
        Assert.Contains("LSTM(2→12) → Dense(12→1) + x[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("this player supports LSTM(1→8) → Dense(8→1) + x[0] and LSTM(1→20) → Dense(20→1) + x[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_goes_through_wav_files_unchanged_and_is_mixed_to_mono()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lstmgen-{Guid.NewGuid():N}.wav");
        try
        {
            float[] samples = GuitarSignal.Plucks(seconds: 0.25, seed: 5);
            AudioFiles.WriteMono(path, samples, 44_100);
            (float[] read, int rate) = AudioFiles.ReadMono(path);
            Assert.Equal(44_100, rate);
            Assert.Equal(samples, read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Streaming_blocks_allocates_nothing()
    {
        var model = new BakedCrunch();
        float[] dry = GuitarSignal.Plucks(seconds: 0.1, seed: 6);
        var wet = new float[dry.Length];
        int start = 0;
        long allocated = AllocationMeter.BytesPerWindow(
            () =>
            {
                model.Forward(dry.AsSpan(start, AmpProcessor.BlockSize), wet.AsSpan(start, AmpProcessor.BlockSize));
                start = (start + AmpProcessor.BlockSize) % (dry.Length - AmpProcessor.BlockSize);
            },
            warmUp: 20,
            runsPerWindow: 200);
        Assert.Equal(0, allocated);
    }
}
