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
    public void Gates(VectorSyntax syntax, string sumI, string sumF, string sumG, string sumO)
    {
        string type = syntax.Type;
        _writer.Line($"{type} i = {Activation("Sigmoid")}({sumI});");
        _writer.Line($"{type} f = {Activation("Sigmoid")}({sumF});");
        _writer.Line($"{type} g = {Activation("Tanh")}({sumG});");
        _writer.Line(_layer.HiddenQuotient
            ? $"{type} oDivisor = LstmMath.SigmoidDivisor({sumO}); // σ(o) = 1 / oDivisor"
            : $"{type} o = {Activation("Sigmoid")}({sumO});");
    }

    /// <summary>Declares c = f∘c₋₁ + i∘g from <paramref name="previousCell"/>, then h, and tanhC and o where h or the tape needs them.</summary>
    /// <param name="syntax">The vector width.</param>
    /// <param name="previousCell">c₋₁.</param>
    public void CellAndHidden(VectorSyntax syntax, string previousCell)
    {
        string type = syntax.Type;
        _writer.Line($"{type} cPrevious = {previousCell};");
        _writer.Line($"{type} c = {syntax.MultiplyAdd($"f", $"cPrevious", $"i * g")}; // c = f∘c₋₁ + i∘g");
        if (!_layer.HiddenQuotient)
        {
            _writer.Line($"{type} tanhC = {Activation("Tanh")}(c);");
            _writer.Line($"{type} h = o * tanhC; // h = o∘tanh(c)");
            return;
        }

        _writer.Line($"{type} h = LstmMath.TanhDividedBy(c, oDivisor); // h = o∘tanh(c) = tanh(c) / (1 + e⁻ᵒ)");
        if (_layer.IsTraining)
        {
            _writer.Line($"{type} o = {syntax.One} / oDivisor;");
            _writer.Line($"{type} tanhC = LstmMath.Tanh(c);");
        }
    }

    private string Activation(string function) => _layer.ExactActivations ? $"LstmMath.{function}Exact" : $"LstmMath.{function}";
}
