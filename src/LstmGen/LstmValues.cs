namespace LstmGen;

/// <summary>What a weights view holds: a layer's parameters, or their gradients. Exports differ where frameworks keep two biases.</summary>
public enum LstmValues
{
    /// <summary>
    /// Parameters. LstmGen keeps one bias where PyTorch and ONNX keep two that are added, so an export writes the whole bias
    /// into the first (<c>bias_ih</c>, <c>Wb</c>) and zeros into the second: the exported model computes the same thing.
    /// </summary>
    Parameters = 0,

    /// <summary>
    /// Gradients. Each of PyTorch's or ONNX's two biases gets the whole bias gradient, since dLoss/d(bias_ih) =
    /// dLoss/d(bias_hh) = dLoss/db: an export writes what the framework's <c>.grad</c> would hold.
    /// </summary>
    Gradients = 1,
}
