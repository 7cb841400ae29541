using System;
using System.IO;

namespace LstmGen.Tests.Loading.Support;

/// <summary>The committed model (see TestData/models/README.md), which the baked test layers are built from.</summary>
public static class CommittedModel
{
    public const string CommittedModelPrefix = "lstm.";

    public static string CommittedModelPath => Path.Combine(AppContext.BaseDirectory, "TestData", "models", "lstm-I1-H8.safetensors");
}
