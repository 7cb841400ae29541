namespace LstmGen.Generator.Model;

/// <summary>Mirror of <c>LstmGen.LstmKernel</c>; the generator does not reference the runtime library.</summary>
internal enum KernelChoice
{
    Auto = 0,
    ColumnAxpy = 1,
    RowBlocked = 2,
}
