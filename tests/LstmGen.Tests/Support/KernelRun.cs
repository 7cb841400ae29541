namespace LstmGen.Tests.Support;

/// <summary>Runs a step kernel over a sequence the way a layer does: two copies of h, flipped after every step.</summary>
public static class KernelRun
{
    /// <summary>One step t, reading h₋₁ from <paramref name="hidden"/> and writing the new h to <paramref name="hiddenNew"/>.</summary>
    public delegate void OneStep<T>(ref T hidden, ref T hiddenNew, ref T cell, int t);

    /// <summary>Runs <paramref name="steps"/> steps from (h0, c0) and returns every step's h, step after step.</summary>
    public static T[] Steps<T>(int steps, int h, T[] h0, T[] c0, OneStep<T> step)
    {
        T[] hidden = (T[])h0.Clone(), hiddenNew = new T[h], cell = (T[])c0.Clone();
        var hs = new T[steps * h];
        for (int t = 0; t < steps; t++)
        {
            step(ref hidden[0], ref hiddenNew[0], ref cell[0], t);
            hiddenNew.CopyTo(hs, t * h);
            (hidden, hiddenNew) = (hiddenNew, hidden);
        }

        return hs;
    }
}
