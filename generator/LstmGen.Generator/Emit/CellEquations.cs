using LstmGen.Generator.Planning;

namespace LstmGen.Generator.Emit;

/// <summary>
/// Writes the activations and the state update of one vector (or scalar) of units from its four gate sums: the one place
/// the vector step kernels and the stream kernels take them from, so both give the same bits.
/// </summary>
internal sealed class CellEquations
{
    private readonly LayerPlan _layer;
    private readonly SourceWriter _writer;

    public CellEquations(LayerPlan layer, SourceWriter writer)
    {
        _layer = layer;
        _writer = writer;
    }

    /// <summary>
    /// Declares i, f and g from their pre-activations, and for the output gate o = σ(·) where h is the plain product
    /// o∘tanh(c), or σ's divisor 1 + e⁻ᵒ where h is a quotient (<see cref="LayerPlan.HiddenQuotient"/>).
    /// </summary>
    /// <param name="syntax">The vector width.</param>
    /// <param name="sumI">The input gate's pre-activation.</param>
    /// <param name="sumF">The forget gate's.</param>
    /// <param name="sumG">The candidate cell's.</param>
    /// <param name="sumO">The output gate's.</param>
    /// <param name="suffix">Appended to every name declared, so that several streams' equations can be interleaved.</param>
    public void Gates(VectorSyntax syntax, string sumI, string sumF, string sumG, string sumO, string suffix = "")
    {
        string type = syntax.Type;
        string x = suffix;
        _writer.Line($"{type} i{x} = {Activation("Sigmoid")}({sumI});");
        _writer.Line($"{type} f{x} = {Activation("Sigmoid")}({sumF});");
        _writer.Line($"{type} g{x} = {Activation("Tanh")}({sumG});");
        _writer.Line(_layer.HiddenQuotient
            ? $"{type} oDivisor{x} = LstmMath.SigmoidDivisor({sumO}); // σ(o) = 1 / oDivisor"
            : $"{type} o{x} = {Activation("Sigmoid")}({sumO});");
    }

    /// <summary>Declares c = f∘c₋₁ + i∘g from <paramref name="previousCell"/>, then h, and tanhC and o where h or the tape needs them.</summary>
    /// <param name="syntax">The vector width.</param>
    /// <param name="previousCell">c₋₁.</param>
    /// <param name="suffix">As for <see cref="Gates"/>.</param>
    public void CellAndHidden(VectorSyntax syntax, string previousCell, string suffix = "")
    {
        string type = syntax.Type;
        string x = suffix;
        _writer.Line($"{type} cPrevious{x} = {previousCell};");
        _writer.Line($"{type} c{x} = {syntax.MultiplyAdd($"f{x}", $"cPrevious{x}", $"i{x} * g{x}")}; // c = f∘c₋₁ + i∘g");
        if (!_layer.HiddenQuotient)
        {
            _writer.Line($"{type} tanhC{x} = {Activation("Tanh")}(c{x});");
            _writer.Line($"{type} h{x} = o{x} * tanhC{x}; // h = o∘tanh(c)");
            return;
        }

        _writer.Line($"{type} h{x} = LstmMath.TanhDividedBy(c{x}, oDivisor{x}); // h = o∘tanh(c) = tanh(c) / (1 + e⁻ᵒ)");
        if (_layer.IsTraining)
        {
            _writer.Line($"{type} o{x} = {syntax.One} / oDivisor{x};");
            _writer.Line($"{type} tanhC{x} = LstmMath.Tanh(c{x});");
        }
    }

    private string Activation(string function) => _layer.ExactActivations ? $"LstmMath.{function}Exact" : $"LstmMath.{function}";
}
