using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// Every method a generated step runs is compiled optimized at its first call, whether or not the JIT inlines it. Left to
/// tiering, a method the JIT did not inline (its budget runs out in a deep model's Step or Forward) ran unoptimized, then
/// instrumented, for the first second or two: a stereo amp model processed its first 20 s of audio at a fifth of its speed.
/// </summary>
public sealed class HotPathTests
{
    /// <summary>The members of implementation structs on a step's path.</summary>
    private static readonly HashSet<string> StepPath = new(StringComparer.Ordinal)
    {
        "Run", "Apply", "ApplyStreams", "Advance", "AdvanceRecorded", "StepCore", "Step", "Forward", "Copy", "AlignedState", "AlignedParameters", "ForwardSequence",
    };

    [Fact]
    public void Every_method_on_a_step_path_is_compiled_optimized_at_once()
    {
        Type[] generated = typeof(HotPathTests).Assembly.GetTypes()
            .Where(type => type.Namespace == "LstmGen.Generated")
            .ToArray();
        Assert.True(generated.Length > 100, $"{generated.Length} generated types");
        var missing = new List<string>();
        int checkedCount = 0;
        foreach (Type type in generated)
        {
            bool kernels = type.Name == "Kernels";
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!kernels && !StepPath.Contains(method.Name))
                {
                    continue;
                }

                checkedCount++;
                if (!method.MethodImplementationFlags.HasFlag(MethodImplAttributes.AggressiveOptimization))
                {
                    missing.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        Assert.True(checkedCount > 1000, $"{checkedCount} methods checked");
        Assert.True(missing.Count == 0, "Not compiled optimized at once:\n" + string.Join("\n", missing.Distinct().Take(40)));
    }
}
