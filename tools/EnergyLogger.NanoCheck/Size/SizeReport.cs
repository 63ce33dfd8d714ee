using System.Globalization;

namespace EnergyLogger.NanoCheck.Size;

/// <summary>
/// Prints `nanocheck size`: one aligned row per assembly under a "limit" row (reference §1), cells over
/// their limit marked with "!", a total line, then for each failing assembly what fails and its ten
/// largest methods, which is where splitting or slimming starts.
/// </summary>
public static class SizeReport
{
    public const int LargestMethodsListed = 10;

    private sealed record Column(string Header, string Limit, Func<SizeVerdict, string> Value, bool LeftAligned = false);

    public static void Write(TextWriter output, IReadOnlyList<SizeVerdict> verdicts, int budget)
    {
        var columns = Columns(budget);
        var rows = new List<string[]>
        {
            columns.Select(c => c.Header).ToArray(),
            columns.Select(c => c.Limit).ToArray(),
        };
        rows.AddRange(verdicts.Select(v => columns.Select(c => c.Value(v)).ToArray()));

        var widths = columns.Select((_, i) => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => columns[i].LeftAligned ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            output.WriteLine(string.Join("  ", cells).TrimEnd());
        }

        var count = verdicts.Count;
        output.WriteLine(
            $"total: {count} {(count == 1 ? "assembly" : "assemblies")}, byte code {verdicts.Sum(v => v.Measurement.ByteCode)} bytes, " +
            $"raw IL {verdicts.Sum(v => v.Measurement.RawIl)} bytes");

        foreach (var verdict in verdicts.Where(v => !v.Passed))
        {
            WriteFailure(output, verdict);
        }
    }

    private static void WriteFailure(TextWriter output, SizeVerdict verdict)
    {
        var m = verdict.Measurement;
        output.WriteLine();
        output.WriteLine(
            $"FAILED {m.Name}: byte code {m.ByteCode} bytes, excess {verdict.Excess} bytes over the budget of {verdict.Budget} " +
            $"(hard limit {NanoLimits.ByteCode})");
        foreach (var violation in verdict.Violations)
        {
            output.WriteLine($"  {violation.What}: {violation.Value} > {violation.Limit} ({violation.Where})");
        }

        foreach (var forbidden in m.Forbidden)
        {
            output.WriteLine($"  forbidden: {forbidden}");
        }

        output.WriteLine($"  {LargestMethodsListed} largest methods (byte code bytes):");
        var largest = m.MethodSizes.Take(LargestMethodsListed).ToArray();
        var width = largest.Length == 0 ? 1 : largest.Max(s => s.ByteCode.ToString(CultureInfo.InvariantCulture).Length);
        foreach (var method in largest)
        {
            output.WriteLine($"    {method.ByteCode.ToString(CultureInfo.InvariantCulture).PadLeft(width)}  {method.Method}");
        }
    }

    private static Column[] Columns(int budget)
    {
        static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
        static string Over(long value, long limit) => N(value) + (value > limit ? "!" : string.Empty);
        static Column Limited(string header, long limit, Func<AssemblyMeasurement, long> value) =>
            new(header, N(limit), v => Over(value(v.Measurement), limit));

        return new[]
        {
            new Column("assembly", "limit", v => v.Measurement.Name, LeftAligned: true),
            new Column("bytecode", $"{N(budget)}/{N(NanoLimits.ByteCode)}", v => Over(v.Measurement.ByteCode, budget)),
            new Column("raw-il", "-", v => N(v.Measurement.RawIl)),
            new Column("methods", "-", v => N(v.Measurement.Methods)),
            new Column("types", "-", v => N(v.Measurement.Types)),
            new Column("fields", "-", v => N(v.Measurement.Fields)),
            Limited("strings", NanoLimits.StringTable, m => m.StringBytes),
            Limited("inst-m", NanoLimits.MethodsPerType, m => m.InstanceMethodsPerType.Value),
            Limited("virt-m", NanoLimits.MethodsPerType, m => m.VirtualMethodsPerType.Value),
            Limited("stat-m", NanoLimits.MethodsPerType, m => m.StaticMethodsPerType.Value),
            Limited("stat-f", NanoLimits.FieldsPerType, m => m.StaticFieldsPerType.Value),
            Limited("inst-f", NanoLimits.FieldsPerType, m => m.InstanceFieldsPerType.Value),
            Limited("args", NanoLimits.ArgumentsOrLocals, m => m.Arguments.Value),
            Limited("locals", NanoLimits.ArgumentsOrLocals, m => m.Locals.Value),
            Limited("stack", NanoLimits.EvaluationStack, m => m.EvaluationStack.Value),
            Limited("switch", NanoLimits.SwitchTargets, m => m.SwitchTargets.Value),
            Limited("eh", NanoLimits.ExceptionClauses, m => m.ExceptionClauses.Value),
            Limited("branch", NanoLimits.BranchDistance, m => m.BranchDistance.Value),
            Limited("methoddef", NanoLimits.MemberRows, m => m.MethodDefRows),
            Limited("memberref-m", NanoLimits.MemberRows, m => m.MemberRefMethodRows),
            Limited("memberref-f", NanoLimits.MemberRows, m => m.MemberRefFieldRows),
            Limited("fielddef", NanoLimits.MemberRows, m => m.FieldDefRows),
            Limited("typedef", NanoLimits.TypeRows, m => m.TypeDefRows),
            Limited("typeref", NanoLimits.TypeRows, m => m.TypeRefRows),
            Limited("typespec", NanoLimits.TypeRows, m => m.TypeSpecRows),
            new Column("forbidden", "0", v => v.Measurement.Forbidden.Count == 0 ? "0" : N(v.Measurement.Forbidden.Count) + "!"),
        };
    }
}
