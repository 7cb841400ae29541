namespace LstmGen.Generator.Emit;

internal sealed class TrainingMembersEmitter
{
    private readonly EmitContext _context;

    public TrainingMembersEmitter(EmitContext context) => _context = context;

    public void Emit() => _context.Writer.Line("// TODO training");
}
