using System.Text;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Size;
using Microsoft.CodeAnalysis;
using Xunit;

namespace EnergyLogger.NanoCheck.Tests;

public sealed class SizeTests
{
    private const string Shapes = """
        public static class K
        {
            public static string Pick(int x)
            {
                switch (x)
                {
                    case 0: return "a";
                    case 1: return "b";
                    case 2: return "c";
                }

                return "d";
            }

            public static int Parse(string s)
            {
                try
                {
                    return int.Parse(s);
                }
                catch (System.FormatException)
                {
                    return -1;
                }
            }

            public static int Far(int x)
            {
                if (x == 0)
                {
                    S(); S(); S(); S(); S(); S(); S(); S(); S(); S();
                    S(); S(); S(); S(); S(); S(); S(); S(); S(); S();
                    S(); S(); S(); S(); S(); S(); S(); S(); S(); S();
                    S(); S(); S(); S(); S(); S(); S(); S(); S(); S();
                    S(); S(); S(); S(); S(); S(); S(); S(); S(); S();
                }

                return x;
            }

            public static void S()
            {
            }
        }
        """;

    /// <summary>
    /// Each method's IL, and its byte code counted by hand with the MDP rule (reference §1): opcodes keep
    /// their size, tokens and long branch operands take 2 bytes, switch 1 + 2n, 12 per clause + 1.
    /// </summary>
    public static TheoryData<string, string[], int, int> HandCounted() => new()
    {
        {
            // ldarg.0 1 | switch 1 + (1 + 3x2) = 8 | br.s 2 | 4 x (ldstr 1+2, ret 1) = 16  => 27 (raw 1 + 17 + 2 + 24 = 44)
            "K::Pick",
            new[] { "ldarg.0", "switch", "br.s", "ldstr", "ret", "ldstr", "ret", "ldstr", "ret", "ldstr", "ret" },
            44,
            27
        },
        {
            // ldarg.0 1 | call 1+2 | stloc.0 1 | leave.s 2 | pop 1 | ldc.i4.m1 1 | stloc.0 1 | leave.s 2 | ldloc.0 1 | ret 1
            // = 14, + one clause 12 + 1 => 27 (raw 16)
            "K::Parse",
            new[] { "ldarg.0", "call", "stloc.0", "leave.s", "pop", "ldc.i4.m1", "stloc.0", "leave.s", "ldloc.0", "ret" },
            16,
            27
        },
        {
            // ldarg.0 1 | brtrue (long) 1+2 | 50 x call 1+2 = 150 | ldarg.0 1 | ret 1 => 156 (raw 1 + 5 + 250 + 2 = 258)
            "K::Far",
            new[] { "ldarg.0", "brtrue" }.Concat(Enumerable.Repeat("call", 50)).Concat(new[] { "ldarg.0", "ret" }).ToArray(),
            258,
            156
        },
        {
            "K::S",
            new[] { "ret" },
            1,
            1
        },
    };

    [Theory]
    [MemberData(nameof(HandCounted))]
    public void ByteCode_HandCountedMethod_EqualsToolFigure(string method, string[] il, int rawIl, int byteCode)
    {
        var dll = SnippetCompiler.Compile(Shapes, OptimizationLevel.Release);
        using var file = LoadedAssembly.Open(dll);
        var handle = file.Reader.MethodDefinitions.Single(h => MemberNames.Method(file.Reader, h) == method);
        var body = file.GetBody(file.Reader.GetMethodDefinition(handle))!;
        var instructions = IlDecoder.Decode(body);

        var cost = ByteCodeSize.Measure(body, instructions);

        Assert.Equal(il, instructions.Select(i => i.Name));
        Assert.Equal(rawIl, cost.RawIl);
        Assert.Equal(byteCode, cost.ByteCode);
        Assert.Equal(byteCode, AssemblyMeasurer.Measure(file).MethodSizes.Single(s => s.Method == method).ByteCode);
    }

    [Fact]
    public void ByteCode_Assembly_IsTheSumOfItsMethodsAndMeasuresTheLongestBranch()
    {
        var dll = SnippetCompiler.Compile(Shapes, OptimizationLevel.Release);

        var m = AssemblyMeasurer.Measure(dll);

        Assert.Equal(27 + 27 + 156 + 1, m.ByteCode);
        Assert.Equal(44 + 16 + 258 + 1, m.RawIl);
        Assert.Equal(new Extreme(150, "K::Far"), m.BranchDistance);
        Assert.Equal(new Extreme(3, "K::Pick"), m.SwitchTargets);
        Assert.Equal(new Extreme(1, "K::Parse"), m.ExceptionClauses);
        Assert.Equal(new Extreme(4, "K"), m.StaticMethodsPerType);
        Assert.Empty(m.Forbidden);
    }

    [Theory]
    [InlineData(255, true)]
    [InlineData(256, false)]
    public void StaticMethodsPerType_AroundTheLimit_FailsAbove255(int count, bool passes)
    {
        var source = new StringBuilder("public static class Many\n{\n");
        for (var i = 0; i < count; i++)
        {
            source.Append($"    public static int M{i}() {{ return {i}; }}\n");
        }

        var dll = SnippetCompiler.Compile(source.Append("}\n").ToString(), OptimizationLevel.Release);

        var verdict = SizeVerdict.Judge(AssemblyMeasurer.Measure(dll), NanoLimits.DefaultBudget);

        Assert.Equal(passes, verdict.Passed);
        if (!passes)
        {
            var violation = Assert.Single(verdict.Violations);
            Assert.Equal(new Violation("static methods per type", 256, 255, "Many"), violation);
        }
    }

    [Fact]
    public void Forbidden_GenericClassAndTwoDimensionalArray_AreReported()
    {
        var dll = SnippetCompiler.Compile("""
            public sealed class Box<T>
            {
                public T Value;
            }

            public static class Grid
            {
                public static int[,] Cells = new int[2, 2];
            }
            """, OptimizationLevel.Release);

        var verdict = SizeVerdict.Judge(AssemblyMeasurer.Measure(dll), NanoLimits.DefaultBudget);

        Assert.False(verdict.Passed);
        Assert.Empty(verdict.Violations);
        Assert.Contains("user-generic: generic parameter T of type Box`1", verdict.Measurement.Forbidden);
        Assert.Contains("multidim-array: System.Int32[,] in field Grid::Cells", verdict.Measurement.Forbidden);
    }

    [Fact]
    public void StringTable_DistinctNamesAndUserStrings_CountUtf8PlusTerminator()
    {
        var dll = SnippetCompiler.Compile("""
            namespace N
            {
                public static class T
                {
                    public static string F(int p) { return "été"; }
                }
            }
            """, OptimizationLevel.Release);
        using var file = LoadedAssembly.Open(dll);

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in file.Reader.TypeDefinitions)
        {
            names.Add(file.Reader.GetString(file.Reader.GetTypeDefinition(h).Name));
            names.Add(file.Reader.GetString(file.Reader.GetTypeDefinition(h).Namespace));
        }

        foreach (var h in file.Reader.TypeReferences)
        {
            names.Add(file.Reader.GetString(file.Reader.GetTypeReference(h).Name));
            names.Add(file.Reader.GetString(file.Reader.GetTypeReference(h).Namespace));
        }

        foreach (var h in file.Reader.MemberReferences)
        {
            names.Add(file.Reader.GetString(file.Reader.GetMemberReference(h).Name));
        }

        names.UnionWith(new[] { "F", "p", "été" });
        names.Remove(string.Empty);

        Assert.Equal(names.Sum(n => Encoding.UTF8.GetByteCount(n) + 1), AssemblyMeasurer.EstimateStringTable(file.Reader));
    }
}
