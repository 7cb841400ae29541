using BenchmarkDotNet.Running;

namespace LstmGen.Benchmarks;

/// <summary>
/// Runs the suite: `dotnet run -c Release --project tests/LstmGen.Benchmarks -- --filter '*'` (add `--job short` for a
/// quick pass). `scripts/benchmarks.sh` runs it beside the C++ yardstick and the step harness.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
