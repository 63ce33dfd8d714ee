using EnergyLogger.NanoCheck.Rules;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EnergyLogger.NanoCheck.Tests;

/// <summary>
/// Core is split into several assemblies that call each other: an enum or a NaN-unsafe helper defined
/// in one is still recognised where another uses it, when both DLLs sit in the same folder.
/// </summary>
public sealed class SiblingAssemblyTests
{
    private const string Registers = """
        namespace Lib
        {
            public enum Quality { Ok, Invalid }

            public static class Decoder
            {
                public static bool InRange(double value, double min, double max)
                {
                    return !(value < min) && !(value > max);
                }
            }
        }
        """;

    private const string Telemetry = """
        namespace App
        {
            public static class Mapper
            {
                public static string Name(Lib.Quality q)
                {
                    return q.ToString();
                }

                public static bool Check(double value, double max)
                {
                    return Lib.Decoder.InRange(value, 0, max);
                }
            }
        }
        """;

    [Fact]
    public void Il_EnumAndHelperFromSiblingAssembly_AreFollowed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "nanocheck-tests", Guid.NewGuid().ToString("N"));
        var lib = SnippetCompiler.Compile(Registers, OptimizationLevel.Release, "Lib", directory, Array.Empty<string>());
        var app = SnippetCompiler.Compile(Telemetry, OptimizationLevel.Release, "App", directory, new[] { lib });

        var hits = IlChecker.Check(app).Hits;

        Assert.Equal(
            new[] { ("enum-tostring", 7), ("nan-compare", 12) },
            hits.Select(h => (h.RuleId, h.Source!.Line)).ToArray());
        Assert.Contains("calls Lib.Decoder::InRange, whose floating-point > or >= on 'value', 'max' is true with NaN on nanoCLR (Snippet.cs:9)", hits[1].Message);
    }

    [Fact]
    public void Il_SiblingAssemblyMissing_EnumIsNotGuessed()
    {
        var directory = Path.Combine(Path.GetTempPath(), "nanocheck-tests", Guid.NewGuid().ToString("N"));
        var lib = SnippetCompiler.Compile(Registers, OptimizationLevel.Release, "Lib", directory, Array.Empty<string>());
        var app = SnippetCompiler.Compile(Telemetry, OptimizationLevel.Release, "App", directory, new[] { lib });
        File.Delete(lib);

        var hits = IlChecker.Check(app).Hits;

        Assert.Empty(hits);
    }
}
