using System.Reflection.Emit;
using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Size;

/// <summary>What one method body costs in the .pe file, and its largest per-method figures.</summary>
public sealed record MethodCost(int ByteCode, int RawIl, int MaxBranchDistance, int MaxSwitchTargets, int ExceptionClauses);

/// <summary>
/// The MetadataProcessor's byte-code size of a method, computed from the compiled IL
/// (reference §1 "Measuring byte code without the MetadataProcessor"): MDP rewrites every metadata token
/// as a 2-byte nanoCLR index and every branch displacement as 16 bits, and appends the exception table.
/// </summary>
public static class ByteCodeSize
{
    /// <summary>Bytes MDP writes per exception clause (handler kind, class token, try/handler offsets).</summary>
    public const int BytesPerClause = 12;

    /// <summary>Bytes MDP writes once for a method that has clauses (the clause count).</summary>
    public const int BytesPerClauseTable = 1;

    public static MethodCost Measure(MethodBodyBlock body, IReadOnlyList<IlInstruction> instructions)
    {
        // Byte-code offset of each instruction, so that branch distances can be measured the way nanoCLR
        // reads them: 16-bit displacements over the rewritten stream (reference §1, branch distance).
        var start = new Dictionary<int, int>(instructions.Count + 1);
        var position = 0;
        var maxSwitch = 0;
        foreach (var instruction in instructions)
        {
            start[instruction.Offset] = position;
            position += InstructionBytes(instruction);
            if (instruction.OpCode == ILOpCode.Switch)
            {
                maxSwitch = Math.Max(maxSwitch, instruction.Targets.Count);
            }
        }

        var end = position;
        start[instructions.Count == 0 ? 0 : instructions[^1].End] = end;

        var maxDistance = 0;
        foreach (var instruction in instructions)
        {
            if (instruction.Targets.Count == 0)
            {
                continue;
            }

            var from = start[instruction.End];
            foreach (var target in instruction.Targets)
            {
                if (start.TryGetValue(target, out var to))
                {
                    maxDistance = Math.Max(maxDistance, Math.Abs(to - from));
                }
            }
        }

        var clauses = body.ExceptionRegions.Length;
        var byteCode = end + (clauses > 0 ? BytesPerClauseTable + (clauses * BytesPerClause) : 0);
        var rawIl = body.GetILBytes()?.Length ?? 0;
        return new MethodCost(byteCode, rawIl, maxDistance, maxSwitch, clauses);
    }

    /// <summary>One instruction after MDP's rewrite: opcodes keep their size, operands shrink.</summary>
    public static int InstructionBytes(IlInstruction instruction)
    {
        return instruction.OpCodeSize + OperandBytes(instruction);
    }

    private static int OperandBytes(IlInstruction instruction)
    {
        return instruction.OperandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI or OperandType.ShortInlineR => 4,
            OperandType.InlineI8 or OperandType.InlineR => 8,

            // 32-bit displacement -> 16-bit.
            OperandType.InlineBrTarget => 2,

            // 32-bit metadata token -> 16-bit nanoCLR table index.
            OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType
                or OperandType.InlineTok or OperandType.InlineString or OperandType.InlineSig => 2,

            // 32-bit count + 32-bit targets -> 8-bit count (at most 255 targets) + 16-bit targets.
            OperandType.InlineSwitch => 1 + (2 * instruction.Targets.Count),
            _ => instruction.Size - instruction.OpCodeSize,
        };
    }
}
