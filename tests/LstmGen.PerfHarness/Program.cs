using System;
using System.Runtime.CompilerServices;

namespace LstmGen.PerfHarness;

/// <summary>
/// Prints one CSV row per implementation and size, in the C++ yardstick's format, so `scripts/benchmarks.sh` can put the
/// rows side by side. Pass sizes such as "8x32" to run only those; "--no-port" skips the slow tutorial-style port;
/// "--label aot" names the rows (the default is "jit"; the script passes "aot" to the NativeAOT build); "--trials 40"
/// keeps the fastest of 40 chunks of each repetition (see <see cref="StepTimer.Trials"/>); "amp" runs the amp-capture sizes
/// instead (the layer and the whole model, LSTM → Dense(H→1) + x[0], at 1x20, 1x32, 1x40 and 2x20), as the yardstick does
/// with PERFREF_SIZES=amp; "forward" times Forward over 256-step runs against the same steps as Step calls (4x16, 8x32,
/// 16x64, 64x128; see <see cref="ForwardTimer"/>); "streams" times streamed layers' Step of all N streams against a
/// single-stream layer's Step, per stream (N = 8 at 1x16, 4x16, 8x32, 16x64, 64x128; N = 2 at 1x16 and 1x40), and stereo
/// amp models (N = 2 at 1x20 and 1x40) against the ordinary amp model, per channel (see <see cref="StreamTimer"/>).
/// "--stack-pad 16" moves every frame below Main 16 bytes down the stack (see <see cref="Main"/>).
/// </summary>
public static class Program
{
    /// <summary>
    /// Runs the harness, with every frame below this one moved down by the bytes "--stack-pad" asks for (a multiple of 16
    /// from 0 to 4096). The JIT
    /// keeps a method's frame on a 16-byte boundary only, so where its 64-byte vector spills land relative to cache lines
    /// and 32-byte halves depends on where the process's stack starts, which the OS randomises: on Zen 4 code that spills
    /// ran at one of two speeds per process. Padding by 16 bytes flips which one relative to that start, so an experiment
    /// that runs both pads over several processes sees both speeds of every kernel.
    /// </summary>
    public static int Main(string[] args)
    {
        int padAt = Array.IndexOf(args, "--stack-pad");
        int pad = 0;
        if (padAt >= 0 && (padAt + 1 >= args.Length || !int.TryParse(args[padAt + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pad) || pad > 4096 || pad % 16 != 0))
        {
            // The frame moves in 16-byte steps: stackalloc rounds its size up to them.
            Console.Error.WriteLine("--stack-pad needs a multiple of 16 bytes from 0 to 4096");
            return 2;
        }

        Span<byte> padding = stackalloc byte[pad + 1];
        padding[pad] = 1;
        return Run(args) * padding[pad];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Run(string[] args)
    {
        bool port = Array.IndexOf(args, "--no-port") < 0;
        int labelAt = Array.IndexOf(args, "--label");
        string runtime = labelAt >= 0 && labelAt + 1 < args.Length ? args[labelAt + 1] : "jit";
        int trialsAt = Array.IndexOf(args, "--trials");
        if (trialsAt >= 0)
        {
            if (trialsAt + 1 >= args.Length || !int.TryParse(args[trialsAt + 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int trials) || trials < 1 || trials > 1000)
            {
                Console.Error.WriteLine("--trials needs a whole number from 1 to 1000");
                return 2;
            }

            StepTimer.Trials = trials;
        }

        string[] sizes = Array.FindAll(args, a => a.Contains('x', StringComparison.Ordinal) && !a.StartsWith("--", StringComparison.Ordinal));
        bool Wanted(string size) => sizes.Length == 0 || Array.IndexOf(sizes, size) >= 0;

        if (Array.IndexOf(args, "forward") >= 0)
        {
            Forward<Perf4x16>("4x16", 4, 16);
            Forward<Perf8x32>("8x32", 8, 32);
            Forward<Perf16x64>("16x64", 16, 64);
            Forward<Perf64x128>("64x128", 64, 128);
            return 0;
        }

        if (Array.IndexOf(args, "streams") >= 0)
        {
            // The core's throughput floor first: lanes, ns per vector multiply-add, ns per vector of activations.
            ThroughputFloor floor = ThroughputFloor.Measure();
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"floor_{runtime},{floor.Lanes},{floor.MultiplyAddNs:F4},{floor.ActivationNs:F3}"));
            Streams<Perf1x16, PerfStreams1x16x8>("1x16", 1, 16, 8);
            Streams<Perf4x16, PerfStreams4x16x8>("4x16", 4, 16, 8);
            Streams<Perf8x32, PerfStreams8x32x8>("8x32", 8, 32, 8);
            Streams<Perf16x64, PerfStreams16x64x8>("16x64", 16, 64, 8);
            Streams<Perf64x128, PerfStreams64x128x8>("64x128", 64, 128, 8);
            Streams<Perf1x16, PerfStreams1x16x2>("1x16", 1, 16, 2);
            Streams<Perf1x40, PerfStreams1x40x2>("1x40", 1, 40, 2);
            StreamedAmp<PerfAmp1x20, PerfStereoAmp1x20>("1x20", 1, 20, 2);
            StreamedAmp<PerfAmp1x40, PerfStereoAmp1x40>("1x40", 1, 40, 2);
            return 0;
        }

        if (Array.IndexOf(args, "amp") >= 0)
        {
            Amp<Perf1x20, PerfAmp1x20>(1, 20);
            Amp<Perf1x32, PerfAmp1x32>(1, 32);
            Amp<Perf1x40, PerfAmp1x40>(1, 40);
            Amp<Perf2x20, PerfAmp2x20>(2, 20);
            return 0;
        }

        Run<Perf1x8>("1x8", 1, 8);
        Run<Perf1x16>("1x16", 1, 16);
        Run<Perf1x32>("1x32", 1, 32);
        Run<Perf4x16>("4x16", 4, 16);
        Run<Perf8x32>("8x32", 8, 32);
        Run<Perf16x64>("16x64", 16, 64);
        Run<Perf64x128>("64x128", 64, 128);
        return 0;

        void Amp<TLayer, TModel>(int inputWidth, int stateWidth)
            where TLayer : struct, ILstmMutableLayer<float>
            where TModel : struct, ILstmMutableModel<float>
        {
            var data = new PerfRefData(inputWidth, stateWidth);
            var layer = new StrongBox<TLayer>(default);
            layer.Value.ImportParameters(data.Canonical());
            Console.WriteLine(StepTimer.Time($"lstmgen_{runtime}", ref layer.Value, data));
            var model = new StrongBox<TModel>(default);
            model.Value.ImportParameters(data.AmpCanonical());
            Console.WriteLine(StepTimer.TimeModel($"lstmgen_amp_{runtime}", ref model.Value, data));
        }

        void Forward<TLayer>(string size, int inputWidth, int stateWidth)
            where TLayer : struct, ILstmMutableLayer<float>
        {
            if (!Wanted(size))
            {
                return;
            }

            var data = new PerfRefData(inputWidth, stateWidth);
            var box = new StrongBox<TLayer>(default);
            box.Value.ImportParameters(data.Canonical());
            Console.WriteLine(ForwardTimer.Time(runtime, ref box.Value, data));
        }

        void Streams<TSingle, TStreams>(string size, int inputWidth, int stateWidth, int n)
            where TSingle : struct, ILstmMutableLayer<float>
            where TStreams : struct, IStreamedStepper
        {
            if (!Wanted(size))
            {
                return;
            }

            var data = new PerfRefData(inputWidth, stateWidth);
            var single = new StrongBox<TSingle>(default);
            single.Value.ImportParameters(data.Canonical());
            var streams = new StrongBox<TStreams>(default);
            streams.Value.ImportParameters(data.Canonical());
            Console.WriteLine(StreamTimer.Time(runtime, single, streams, n, data));
        }

        void StreamedAmp<TSingle, TStreams>(string size, int inputWidth, int stateWidth, int n)
            where TSingle : struct, ILstmMutableModel<float>
            where TStreams : struct, IStreamedStepper
        {
            if (!Wanted(size))
            {
                return;
            }

            var data = new PerfRefData(inputWidth, stateWidth);
            var single = new StrongBox<TSingle>(default);
            single.Value.ImportParameters(data.AmpCanonical());
            var streams = new StrongBox<TStreams>(default);
            streams.Value.ImportParameters(data.AmpCanonical());
            Console.WriteLine(StreamTimer.TimeModel(runtime, single, streams, n, data));
        }

        void Run<TLayer>(string size, int inputWidth, int stateWidth)
            where TLayer : struct, ILstmMutableLayer<float>
        {
            if (!Wanted(size))
            {
                return;
            }

            var data = new PerfRefData(inputWidth, stateWidth);
            var box = new StrongBox<TLayer>(default);
            box.Value.ImportParameters(data.Canonical());
            Console.WriteLine(StepTimer.Time($"lstmgen_{runtime}", ref box.Value, data));
            if (port)
            {
                Console.WriteLine(StepTimer.Time($"tutorial_{runtime}", new TutorialLstm(data), data));
            }
        }
    }
}
