using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace LstmGen.Generator.Tests.Support;

/// <summary>Compiles a generator run's output to IL and loads it, so a test can call into the generated code.</summary>
public static class EmittedAssembly
{
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The generated code does not compile:" + Environment.NewLine
                + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        }

        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>Calls a public static method without arguments and returns its result.</summary>
    public static T Call<T>(Assembly assembly, string typeName, string method) =>
        (T)assembly.GetType(typeName, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null)!;
}
