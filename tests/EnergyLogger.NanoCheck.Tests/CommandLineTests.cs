using EnergyLogger.NanoCheck.Cli;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EnergyLogger.NanoCheck.Tests;

public sealed class CommandLineTests
{
    private const string TwelveMethods = """
        public static class Work
        {
            public static int A(int x) { return x + 1; }
            public static int B(int x) { return x * 2 + 1; }
            public static int C(int x) { return x * 3 + x / 7; }
            public static int D(int x) { return x < 0 ? -x : x; }
            public static string E(int x) { return "e" + x; }
            public static string F(string s) { return s.Trim().ToUpperInvariant(); }
            public static int G(int[] a) { int s = 0; foreach (var v in a) { s += v; } return s; }
            public static int H(int x) { switch (x) { case 1: return 10; case 2: return 20; default: return 0; } }
            public static bool I(string s) { return s.Length > 3 && s[0] == 'x'; }
            public static int J(int x, int y) { return x > y ? x : y; }
            public static int K(int x) { return x; }
            public static void L() { }
        }
        """;

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Size_UnderBudget_Exits0WithOneRowAndTheLimits()
    {
        var dll = SnippetCompiler.Compile(TwelveMethods, OptimizationLevel.Release);

        var (code, output, _) = Run("size", dll);

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("assembly", lines[0]);
        Assert.StartsWith("limit", lines[1]);
        Assert.Contains("49152/65535", lines[1]);
        Assert.StartsWith("Snippet ", lines[2]);
        Assert.StartsWith("total: 1 assembly, byte code ", lines[3]);
        Assert.DoesNotContain("FAILED", output);
    }

    [Fact]
    public void Size_OverTinyBudget_Exits1WithExcessAndTenLargestMethods()
    {
        var dll = SnippetCompiler.Compile(TwelveMethods, OptimizationLevel.Release);
        var measured = EnergyLogger.NanoCheck.Size.AssemblyMeasurer.Measure(dll);

        var (code, output, _) = Run("size", "--budget", "50", dll);

        Assert.Equal(1, code);
        Assert.Contains($"FAILED Snippet: byte code {measured.ByteCode} bytes, excess {measured.ByteCode - 50} bytes over the budget of 50", output);
        var listed = output.Split('\n').SkipWhile(l => !l.Contains("10 largest methods")).Skip(1).Where(l => l.Contains("Work::")).ToList();
        Assert.Equal(10, listed.Count);
        Assert.Equal(measured.MethodSizes.Take(10).Select(s => s.Method), listed.Select(l => l.Trim().Split("  ")[1]));
        Assert.Contains("bytecode", output);
    }

    [Theory]
    [InlineData(new string[0], "no command given")]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "size" }, "no DLL given")]
    [InlineData(new[] { "size", "--budget", "lots", "x.dll" }, "--budget needs a positive number of bytes")]
    [InlineData(new[] { "il", "--nope", "x.dll" }, "unknown option '--nope'")]
    public void Usage_Wrong_Exits2WithOneLine(string[] args, string message)
    {
        var (code, output, error) = Run(args);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith($"nanocheck: {message}\n", error.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Size_MissingOrUnreadableFile_Exits2()
    {
        var notAssembly = Path.Combine(Path.GetTempPath(), $"nanocheck-{Guid.NewGuid():N}.dll");
        File.WriteAllText(notAssembly, "not a PE file");

        var missing = Run("size", "/nonexistent/x.dll");
        var garbage = Run("il", notAssembly);

        Assert.Equal(2, missing.Code);
        Assert.Equal("nanocheck: cannot read /nonexistent/x.dll: no such file\n", missing.Error.Replace("\r\n", "\n"));
        Assert.Equal(2, garbage.Code);
        Assert.StartsWith($"nanocheck: {notAssembly} is not a readable .NET assembly", garbage.Error);
    }

    private const string OneNanCompare = """
        namespace N
        {
            public static class C
            {
                public static bool Over(double x, double max)
                {
                    return x > max;
                }
            }
        }
        """;

    [Fact]
    public void Il_HitNotAllowed_Exits1WithHitAndSummary()
    {
        var dll = SnippetCompiler.Compile(OneNanCompare, OptimizationLevel.Release);

        var (code, output, _) = Run("il", dll);

        Assert.Equal(1, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Snippet.cs:7: nan-compare: ", lines[0]);
        Assert.EndsWith("(N.C::Over, IL_0002)", lines[0]);
        Assert.Equal("il: Snippet: 1 hit", lines[1]);
    }

    [Fact]
    public void Il_HitAllowed_Exits0AndPrintsTheReason()
    {
        var dll = SnippetCompiler.Compile(OneNanCompare, OptimizationLevel.Release);
        var allow = WriteAllowList("# checked by hand", "", "nan-compare  N.C::Over  bounds are never NaN here");

        var (code, output, _) = Run("il", "--allow", allow, dll);

        Assert.Equal(0, code);
        Assert.Contains("(N.C::Over, IL_0002) (allowed: bounds are never NaN here)", output);
        Assert.Contains("il: Snippet: 1 hit (1 allowed)", output);
    }

    [Fact]
    public void Il_StaleAllowLine_Exits1AndNamesTheLine()
    {
        var dll = SnippetCompiler.Compile(OneNanCompare, OptimizationLevel.Release);
        var allow = WriteAllowList("nan-compare N.C::Over reason", "float-div N.C::Gone the method was removed");

        var (code, output, _) = Run("il", "--allow", allow, dll);

        Assert.Equal(1, code);
        Assert.Contains($"{allow}:2: stale: float-div N.C::Gone matches no hit; remove the line", output);
    }

    [Theory]
    [InlineData("nan-compare N.C::Over", ":1: expected 'rule-id Namespace.Type::Method reason' (the reason is required)")]
    [InlineData("no-such-rule N.C::Over because", ":1: unknown rule 'no-such-rule'")]
    public void Il_MalformedAllowList_Exits2(string line, string message)
    {
        var dll = SnippetCompiler.Compile(OneNanCompare, OptimizationLevel.Release);
        var allow = WriteAllowList(line);

        var (code, _, error) = Run("il", "--allow", allow, dll);

        Assert.Equal(2, code);
        Assert.Equal($"nanocheck: {allow}{message}\n", error.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Il_CleanAssembly_Exits0WithZeroHits()
    {
        var dll = SnippetCompiler.Compile("public static class C { public static int F(int x) { return x + 1; } }", OptimizationLevel.Release);

        var (code, output, _) = Run("il", dll);

        Assert.Equal(0, code);
        Assert.Equal("il: Snippet: 0 hits\n", output.Replace("\r\n", "\n"));
    }

    private static string WriteAllowList(params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"nanocheck-allow-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path, lines);
        return path;
    }
}
