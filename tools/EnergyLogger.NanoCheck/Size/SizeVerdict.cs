namespace EnergyLogger.NanoCheck.Size;

/// <summary>One figure over its limit, with the type or method where it occurs.</summary>
public sealed record Violation(string What, long Value, long Limit, string Where);

/// <summary>
/// Judges a measurement: the byte-code budget, every hard limit of reference §1, and the forbidden
/// constructs. An assembly passes only with no violation and nothing forbidden.
/// </summary>
public sealed record SizeVerdict(AssemblyMeasurement Measurement, int Budget, IReadOnlyList<Violation> Violations)
{
    public bool Passed => Violations.Count == 0 && Measurement.Forbidden.Count == 0;

    /// <summary>Bytes of byte code over the budget; 0 when within it.</summary>
    public int Excess => Math.Max(0, Measurement.ByteCode - Budget);

    public static SizeVerdict Judge(AssemblyMeasurement m, int budget)
    {
        var violations = new List<Violation>();
        void Limit(string what, long value, long limit, string where)
        {
            if (value > limit)
            {
                violations.Add(new Violation(what, value, limit, where));
            }
        }

        Limit("byte code (budget)", m.ByteCode, budget, m.Name);
        Limit("byte code (hard limit)", m.ByteCode, NanoLimits.ByteCode, m.Name);
        Limit("string table", m.StringBytes, NanoLimits.StringTable, m.Name);
        Limit("instance methods per type", m.InstanceMethodsPerType.Value, NanoLimits.MethodsPerType, m.InstanceMethodsPerType.Where);
        Limit("virtual methods per type", m.VirtualMethodsPerType.Value, NanoLimits.MethodsPerType, m.VirtualMethodsPerType.Where);
        Limit("static methods per type", m.StaticMethodsPerType.Value, NanoLimits.MethodsPerType, m.StaticMethodsPerType.Where);
        Limit("static fields per type", m.StaticFieldsPerType.Value, NanoLimits.FieldsPerType, m.StaticFieldsPerType.Where);
        Limit("instance fields per type", m.InstanceFieldsPerType.Value, NanoLimits.FieldsPerType, m.InstanceFieldsPerType.Where);
        Limit("arguments per method", m.Arguments.Value, NanoLimits.ArgumentsOrLocals, m.Arguments.Where);
        Limit("locals per method", m.Locals.Value, NanoLimits.ArgumentsOrLocals, m.Locals.Where);
        Limit("evaluation stack", m.EvaluationStack.Value, NanoLimits.EvaluationStack, m.EvaluationStack.Where);
        Limit("switch targets", m.SwitchTargets.Value, NanoLimits.SwitchTargets, m.SwitchTargets.Where);
        Limit("exception clauses per method", m.ExceptionClauses.Value, NanoLimits.ExceptionClauses, m.ExceptionClauses.Where);
        Limit("branch distance", m.BranchDistance.Value, NanoLimits.BranchDistance, m.BranchDistance.Where);
        Limit("MethodDef rows", m.MethodDefRows, NanoLimits.MemberRows, m.Name);
        Limit("MemberRef method rows", m.MemberRefMethodRows, NanoLimits.MemberRows, m.Name);
        Limit("MemberRef field rows", m.MemberRefFieldRows, NanoLimits.MemberRows, m.Name);
        Limit("FieldDef rows", m.FieldDefRows, NanoLimits.MemberRows, m.Name);
        Limit("TypeDef rows", m.TypeDefRows, NanoLimits.TypeRows, m.Name);
        Limit("TypeRef rows", m.TypeRefRows, NanoLimits.TypeRows, m.Name);
        Limit("TypeSpec rows", m.TypeSpecRows, NanoLimits.TypeRows, m.Name);
        return new SizeVerdict(m, budget, violations);
    }
}
