namespace LstmGen.Generator.Planning;
#pragma warning disable RS1035
internal static class Experiment
{
    private static int Int(string name, int fallback) => int.TryParse(System.Environment.GetEnvironmentVariable(name), out int v) ? v : fallback;
    public static int SetsSmall => Int("LSTMGEN_SETS_SMALL", 3);
    public static int SetsLarge => Int("LSTMGEN_SETS_LARGE", 3);
    public static int Budget256 => Int("LSTMGEN_R256", 12);
    public static bool Contiguous => System.Environment.GetEnvironmentVariable("LSTMGEN_ARR") == "contiguous";
}
