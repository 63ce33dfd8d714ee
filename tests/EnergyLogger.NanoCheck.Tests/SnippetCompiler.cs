using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace EnergyLogger.NanoCheck.Tests;

/// <summary>
/// Compiles a C# snippet in memory and writes the DLL and its portable PDB to a temporary folder. The
/// snippets reference the running .NET's assemblies: the rules are about IL shapes, which C# emits the
/// same way against the nanoFramework libraries.
/// </summary>
public static class SnippetCompiler
{
    /// <summary>The document name the PDB records; hits print it as their file.</summary>
    public const string Document = "Snippet.cs";

    /// <summary>Marks the line a hit is expected on.</summary>
    public const string Marker = "// <-";

    private static readonly ImmutableArray<MetadataReference> References = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Where(p => Path.GetFileName(p) is "System.Private.CoreLib.dll" or "System.Runtime.dll" or "System.Collections.NonGeneric.dll"
            or "System.Collections.dll" or "netstandard.dll" or "System.Console.dll")
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToImmutableArray();

    public static string Compile(string source, OptimizationLevel optimization, string assemblyName = "Snippet")
    {
        var directory = Path.Combine(Path.GetTempPath(), "nanocheck-tests", Guid.NewGuid().ToString("N"));
        return Compile(source, optimization, assemblyName, directory, Array.Empty<string>());
    }

    /// <summary>Compiles into <paramref name="directory"/>, referencing DLLs built there before (a project reference).</summary>
    public static string Compile(string source, OptimizationLevel optimization, string assemblyName, string directory, IEnumerable<string> references)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9), Document, System.Text.Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { tree },
            References.AddRange(references.Select(r => (MetadataReference)MetadataReference.CreateFromFile(r))),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: optimization, allowUnsafe: false));

        Directory.CreateDirectory(directory);
        var dllPath = Path.Combine(directory, assemblyName + ".dll");
        var pdbPath = Path.Combine(directory, assemblyName + ".pdb");
        using (var dll = File.Create(dllPath))
        using (var pdb = File.Create(pdbPath))
        {
            var result = compilation.Emit(dll, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdbPath));
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (!result.Success)
            {
                throw new InvalidOperationException("snippet does not compile:\n" + string.Join("\n", errors));
            }
        }

        return dllPath;
    }

    /// <summary>1-based lines that carry <see cref="Marker"/>.</summary>
    public static int[] MarkedLines(string source)
    {
        return source.Split('\n')
            .Select((line, i) => (line, number: i + 1))
            .Where(x => x.line.Contains(Marker, StringComparison.Ordinal))
            .Select(x => x.number)
            .ToArray();
    }
}
