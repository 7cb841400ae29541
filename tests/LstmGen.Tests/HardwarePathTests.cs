using System;
using LstmGen.CompilerServices;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// CI runs the numeric tests once per vector width by switching instruction sets off with DOTNET_Enable* variables and
/// naming the path it expects in LSTMGEN_EXPECT_PATH; this test proves each run really exercised that path.
/// </summary>
public sealed class HardwarePathTests
{
    [Fact]
    public void The_expected_kernel_path_is_the_one_in_use()
    {
        string? expected = Environment.GetEnvironmentVariable("LSTMGEN_EXPECT_PATH");
        if (string.IsNullOrEmpty(expected))
        {
            Assert.True(Enum.IsDefined(LstmHardware.WidestPath));
            return;
        }

        Assert.Equal(Enum.Parse<LstmVectorPath>(expected), LstmHardware.WidestPath);
    }
}
