namespace EnergyLogger.NanoCheck.Size;

/// <summary>A largest value and where it occurs ("Namespace.Type" or "Namespace.Type::Method").</summary>
public sealed record Extreme(int Value, string Where)
{
    public static readonly Extreme None = new(0, "-");

    public Extreme Max(int value, string where) => value > Value ? new Extreme(value, where) : this;
}

/// <summary>A method and its byte-code size, for the "largest methods" list of a failing assembly.</summary>
public sealed record MethodSize(string Method, int ByteCode);

/// <summary>Everything `nanocheck size` measures in one assembly (reference §1).</summary>
public sealed record AssemblyMeasurement
{
    public required string Name { get; init; }

    public required string Path { get; init; }

    /// <summary>The MetadataProcessor's byte-code table size (see <see cref="ByteCodeSize"/>).</summary>
    public int ByteCode { get; init; }

    public int RawIl { get; init; }

    public int Methods { get; init; }

    public int Types { get; init; }

    public int Fields { get; init; }

    /// <summary>Estimated string table: distinct names and user strings, UTF-8 plus a terminator each.</summary>
    public int StringBytes { get; init; }

    public Extreme InstanceMethodsPerType { get; init; } = Extreme.None;

    public Extreme VirtualMethodsPerType { get; init; } = Extreme.None;

    public Extreme StaticMethodsPerType { get; init; } = Extreme.None;

    public Extreme StaticFieldsPerType { get; init; } = Extreme.None;

    public Extreme InstanceFieldsPerType { get; init; } = Extreme.None;

    public Extreme Arguments { get; init; } = Extreme.None;

    public Extreme Locals { get; init; } = Extreme.None;

    public Extreme EvaluationStack { get; init; } = Extreme.None;

    public Extreme SwitchTargets { get; init; } = Extreme.None;

    public Extreme ExceptionClauses { get; init; } = Extreme.None;

    public Extreme BranchDistance { get; init; } = Extreme.None;

    public int MethodDefRows { get; init; }

    public int MemberRefMethodRows { get; init; }

    public int MemberRefFieldRows { get; init; }

    public int FieldDefRows { get; init; }

    public int TypeDefRows { get; init; }

    public int TypeRefRows { get; init; }

    public int TypeSpecRows { get; init; }

    /// <summary>Constructs nanoCLR does not support: user generics and multidimensional arrays, one line each.</summary>
    public IReadOnlyList<string> Forbidden { get; init; } = Array.Empty<string>();

    /// <summary>Every method with a body, largest first.</summary>
    public IReadOnlyList<MethodSize> MethodSizes { get; init; } = Array.Empty<MethodSize>();
}
