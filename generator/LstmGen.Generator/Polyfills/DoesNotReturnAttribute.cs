namespace System.Diagnostics.CodeAnalysis;

/// <summary>Lets netstandard2.0 compile the runtime's shared readers, which mark their throw helpers (.NET has it built in).</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class DoesNotReturnAttribute : Attribute
{
}
