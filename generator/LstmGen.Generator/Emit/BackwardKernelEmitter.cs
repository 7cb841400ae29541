namespace LstmGen.Generator.Emit;

internal sealed class BackwardKernelEmitter
{
    private readonly EmitContext _context;

    public BackwardKernelEmitter(EmitContext context) => _context = context;

    public void Emit() => _context.Writer.Line("// TODO backward");
}
