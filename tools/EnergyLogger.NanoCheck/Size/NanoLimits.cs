namespace EnergyLogger.NanoCheck.Size;

/// <summary>
/// The limits of one nanoFramework assembly (.pe), from reference §1 "Limits of one assembly". Where the
/// MetadataProcessor does not stop at a limit, nanoCLR crashes or computes wrongly past it, so each one
/// here is a hard limit for the check.
/// </summary>
public static class NanoLimits
{
    /// <summary>The project's own budget per assembly: room under the hard limit for growth (48 KB).</summary>
    public const int DefaultBudget = 49152;

    /// <summary>Method offsets into the byte-code table are 16-bit (MDP nanoByteCodeTable.cs:86-88).</summary>
    public const int ByteCode = 65535;

    /// <summary>String ids from 64,675 up are read by nanoCLR as its built-in strings (StringTable.cpp:25-30).</summary>
    public const int StringTable = 64675;

    /// <summary>Instance, virtual and static methods per type, counted separately (nanoTypeDefinitionTable.cs:274-286).</summary>
    public const int MethodsPerType = 255;

    /// <summary>Static fields and instance fields per type (nanoTypeDefinitionTable.cs:229-230).</summary>
    public const int FieldsPerType = 255;

    /// <summary>Arguments including this, and locals (nanoMethodDefinitionTable.cs:80,101).</summary>
    public const int ArgumentsOrLocals = 255;

    /// <summary>Evaluation stack depth (CodeWriter.cs:210).</summary>
    public const int EvaluationStack = 255;

    /// <summary>switch targets (CodeWriter.cs:349; Interpreter.cpp:1679).</summary>
    public const int SwitchTargets = 255;

    /// <summary>Exception clauses per method (CodeWriter.cs:293-310).</summary>
    public const int ExceptionClauses = 255;

    /// <summary>Branch displacement in byte-code bytes (CodeWriter.cs:353,367): a 42 KB method gave a wrong result.</summary>
    public const int BranchDistance = 32767;

    /// <summary>MethodDef, MethodRef, FieldDef, FieldRef rows (CodeWriter.cs:458; nanoCLR_Types.h:491,497).</summary>
    public const int MemberRows = 32767;

    /// <summary>TypeDef, TypeRef, TypeSpec rows (CodeWriter.cs:469-481).</summary>
    public const int TypeRows = 16383;
}
