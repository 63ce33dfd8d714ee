using EnergyLogger.NanoCheck.Rules;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EnergyLogger.NanoCheck.Tests;

public sealed class IlRuleTests
{
    public static TheoryData<IlCase, OptimizationLevel> Cases()
    {
        var data = new TheoryData<IlCase, OptimizationLevel>();
        foreach (var c in IlRuleCases.All)
        {
            if (c.Release)
            {
                data.Add(c, OptimizationLevel.Release);
            }

            if (c.Debug)
            {
                data.Add(c, OptimizationLevel.Debug);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_Snippet_ReportsExactlyTheMarkedLines(IlCase c, OptimizationLevel optimization)
    {
        var dll = SnippetCompiler.Compile(c.Source, optimization);

        var result = IlChecker.Check(dll, c.Strict);

        Assert.Empty(result.Skipped);
        var hits = result.Hits.Where(h => h.RuleId == c.Rule).ToList();
        Assert.All(hits, h => Assert.Equal(SnippetCompiler.Document, h.Source?.Document));
        var lines = hits.Select(h => h.Source!.Line).Distinct().Order().ToArray();
        Assert.True(
            SnippetCompiler.MarkedLines(c.Source).SequenceEqual(lines),
            $"{c.Name} ({optimization}): expected lines [{string.Join(", ", SnippetCompiler.MarkedLines(c.Source))}], " +
            $"got:\n{string.Join("\n", hits.Select(h => IlReport.Format(result, h)))}");
    }

    [Fact]
    public void UnsignedWiden_IntOfUint_NamesTheSourceOpAndTheFix()
    {
        var dll = SnippetCompiler.Compile(IlRuleCases.All.Single(c => c.Name == "UnsignedWiden_IntOfUintWidenedToLong_FiresInRelease").Source, OptimizationLevel.Release);

        var hit = Assert.Single(IlChecker.Check(dll).Hits, h => h.RuleId == UnsignedWidenRule.RuleId);

        Assert.Equal(
            "value from conv.u4 is widened with conv.i8: nanoCLR zero-extends it (reference §2 'Unsigned values that stay unsigned'); " +
            "reinterpret with arithmetic: u >= 0x80000000L ? u - 0x100000000L : u",
            hit.Message);
        Assert.Equal("C::Decode", hit.Method);
    }

    [Fact]
    public void NanCompare_Hit_PrintsFileLineRuleMethodAndOffset()
    {
        var dll = SnippetCompiler.Compile(IlRuleCases.All[0].Source, OptimizationLevel.Release);
        var result = IlChecker.Check(dll);

        var line = IlReport.Format(result, Assert.Single(result.Hits));

        Assert.Matches(@"^Snippet\.cs:5: nan-compare: floating-point > or >= is true with NaN on nanoCLR: .* \(C::Over, IL_[0-9a-f]{4}\)$", line);
    }

    [Fact]
    public void Report_WithoutPdb_NamesMethodAndOffset()
    {
        var dll = SnippetCompiler.Compile(IlRuleCases.All[0].Source, OptimizationLevel.Release);
        File.Delete(Path.ChangeExtension(dll, ".pdb"));
        var result = IlChecker.Check(dll);

        var line = IlReport.Format(result, Assert.Single(result.Hits));

        Assert.False(result.HasPdb);
        Assert.Matches(@"^Snippet\.dll: nan-compare: .* \(C::Over, IL_[0-9a-f]{4}\)$", line);
    }
}
