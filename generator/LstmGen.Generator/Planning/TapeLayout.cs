namespace LstmGen.Generator.Planning;

/// <summary>
/// What a training layer's tape keeps for each step, and where: x (I), h₋₁ (H), c₋₁ (H), the four gates (4H, in the
/// parameters' block-row order) and tanh(c) (H). The forward pass writes it, the backward pass reads it; both take the
/// offsets from here.
/// </summary>
internal sealed class TapeLayout
{
    public TapeLayout(int inputWidth, int stateWidth)
    {
        InputWidth = inputWidth;
        StateWidth = stateWidth;
    }

    public int InputWidth { get; }

    public int StateWidth { get; }

    /// <summary>Elements per step: I + 7H.</summary>
    public int Stride => InputWidth + (7 * StateWidth);

    public int InputOffset => 0;

    public int HiddenOffset => InputWidth;

    public int CellOffset => InputWidth + StateWidth;

    public int GatesOffset => InputWidth + (2 * StateWidth);

    public int TanhOffset => InputWidth + (6 * StateWidth);

    /// <summary>The same in words, for documentation.</summary>
    public string Contents => "x (I), h₋₁ (H), c₋₁ (H), the gates i, f, g, o (4H) and tanh(c) (H)";
}
