using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace LstmGen.Tests;

/// <summary>
/// The runtime library's public surface, checked in as src/LstmGen/PublicAPI.txt: a change to it must be deliberate. After
/// an intended change, run the tests with LSTMGEN_ACCEPT_SNAPSHOTS=1 (or scripts/accept-snapshots.sh) and review the diff.
/// Types hidden from IntelliSense for generated code (<c>LstmGen.CompilerServices</c>) are listed too, marked as such.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_is_the_checked_in_list()
    {
        string path = Path.Combine(RepositoryRoot(), "src", "LstmGen", "PublicAPI.txt");
        string actual = string.Join("\n", Describe(typeof(LstmLayerAttribute).Assembly)) + "\n";
        if (Environment.GetEnvironmentVariable("LSTMGEN_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        string expected = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : string.Empty;
        string[] added = actual.Split('\n').Except(expected.Split('\n')).ToArray();
        string[] removed = expected.Split('\n').Except(actual.Split('\n')).ToArray();
        Assert.True(
            added.Length == 0 && removed.Length == 0,
            $"The public API changed. Added:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}\nAccept with LSTMGEN_ACCEPT_SNAPSHOTS=1.");
    }

    [Fact]
    public void Types_for_generated_code_are_hidden_from_intellisense()
    {
        foreach (Type type in typeof(LstmLayerAttribute).Assembly.GetExportedTypes().Where(t => t.Namespace == "LstmGen.CompilerServices"))
        {
            var browsable = type.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>();
            Assert.True(browsable?.State == System.ComponentModel.EditorBrowsableState.Never, $"{type} is visible in IntelliSense");
        }
    }

    private static IEnumerable<string> Describe(Assembly assembly)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            string hidden = type.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>()?.State == System.ComponentModel.EditorBrowsableState.Never ? " [hidden]" : string.Empty;
            yield return $"{Kind(type)} {Name(type)}{hidden}";
            foreach (MemberInfo member in type.GetMembers(Flags).Where(m => m is not Type && !IsAccessor(m)).Select(m => m).OrderBy(Signature, StringComparer.Ordinal))
            {
                yield return $"  {Signature(member)}";
            }
        }
    }

    private static bool IsAccessor(MemberInfo member) => member is MethodInfo { IsSpecialName: true } method && !method.Name.StartsWith("op_", StringComparison.Ordinal);

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? (type.IsByRefLike ? "ref struct" : "struct") : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string Signature(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{(c.IsStatic ? "static " : string.Empty)}.ctor({Parameters(c.GetParameters())})",
        MethodInfo m => $"{(m.IsStatic ? "static " : string.Empty)}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m.GetParameters())})",
        PropertyInfo p => $"{(p.GetMethod?.IsStatic == true ? "static " : string.Empty)}{Name(p.PropertyType)} {p.Name}{Indexer(p)} {{ {(p.GetMethod?.IsPublic == true ? "get; " : string.Empty)}{(p.SetMethod?.IsPublic == true ? "set; " : string.Empty)}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        _ => member.ToString() ?? member.Name,
    };

    private static string Indexer(PropertyInfo property) =>
        property.GetIndexParameters() is { Length: > 0 } index ? $"[{Parameters(index)}]" : string.Empty;

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(a => a.Name))}>" : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p => $"{(p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        string name = type.IsNested ? $"{Name(type.DeclaringType!)}.{type.Name}" : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
        {
            return name;
        }

        string bare = name[..name.IndexOf('`', StringComparison.Ordinal)];
        return $"{bare}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
    }

    private static string RepositoryRoot()
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "LstmGen.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        return folder;
    }
}
