using System.Globalization;
using System.IO;

namespace LstmGen.PackageTests.Support;

/// <summary>
/// Writes an application from scratch, as a user would after <c>dotnet add package LstmGen</c>: a project that references
/// the package and nothing else, its own nuget.config (the local feed plus nuget.org), and a program that declares a plain
/// and a baked layer and prints their outputs. Empty Directory.* files stop MSBuild from picking up anything from the
/// folders above.
/// </summary>
internal static class ConsumerProject
{
    /// <summary>The consumer's target frameworks: one per library folder in the package.</summary>
    public static readonly string[] Frameworks = { "net8.0", "net10.0" };

    /// <summary>Writes the project into <paramref name="directory"/>.</summary>
    /// <param name="directory">An empty directory.</param>
    /// <param name="package">The packed LstmGen.</param>
    /// <param name="bakedWeights">The safetensors file the baked layer compiles in.</param>
    public static void Write(string directory, PackedLstmGen package, byte[] bakedWeights)
    {
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFrameworks>{string.Join(';', Frameworks)}</TargetFrameworks>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>
                <UseAppHost>false</UseAppHost>
                <!-- Lets the net8.0 build run on a machine that has only a newer runtime. -->
                <RollForward>Major</RollForward>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LstmGen" Version="{package.Version}" />
                <AdditionalFiles Include="baked.safetensors" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllBytes(Path.Combine(directory, "baked.safetensors"), bakedWeights);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), Program());
    }

    private static string Program() => string.Create(CultureInfo.InvariantCulture, $$"""
        using System;
        using System.Globalization;
        using System.Reflection;
        using System.Runtime.Versioning;
        using LstmGen;

        float[] xs = new float[{{ConsumerCase.Steps}} * PlainLayer.InputWidth];
        new LstmRandom({{ConsumerCase.InputSeed}}).FillSymmetric(xs, 1.0);
        var plain = new PlainLayer();
        plain.InitializeParameters({{ConsumerCase.PlainSeed}});

        Console.WriteLine("library " + typeof(LstmRandom).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);
        Console.WriteLine($"storage {PlainLayer.StorageBytes} {BakedLayer.StorageBytes}");
        Console.WriteLine("plain " + Run(plain, xs));
        Console.WriteLine("baked " + Run(new BakedLayer(), xs));

        static string Run<TLayer>(TLayer layer, float[] xs)
            where TLayer : ILstmLayer<float>
        {
            float[] hs = new float[xs.Length / layer.ParameterLayout.InputWidth * layer.ParameterLayout.StateWidth];
            layer.Forward(xs, hs);
            return string.Join(" ", Array.ConvertAll(hs, v => v.ToString("R", CultureInfo.InvariantCulture)));
        }

        [LstmLayer({{ConsumerCase.InputWidth}}, {{ConsumerCase.StateWidth}})]
        public partial class PlainLayer;

        [LstmLayer({{ConsumerCase.InputWidth}}, {{ConsumerCase.StateWidth}}, Weights = "baked.safetensors")]
        public partial class BakedLayer;
        """);
}
