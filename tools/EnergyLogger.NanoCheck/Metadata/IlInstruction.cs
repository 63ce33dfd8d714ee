using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>One decoded IL instruction. Operands are kept in the form the rules need.</summary>
public sealed class IlInstruction
{
    public IlInstruction(int offset, ILOpCode opCode, string name, int opCodeSize, OperandType operandType, int size)
    {
        Offset = offset;
        OpCode = opCode;
        Name = name;
        OpCodeSize = opCodeSize;
        OperandType = operandType;
        Size = size;
    }

    /// <summary>IL offset of the opcode.</summary>
    public int Offset { get; }

    public ILOpCode OpCode { get; }

    /// <summary>The ECMA-335 mnemonic, e.g. "conv.u4".</summary>
    public string Name { get; }

    /// <summary>1 or 2 (the 0xFE-prefixed opcodes).</summary>
    public int OpCodeSize { get; }

    public OperandType OperandType { get; }

    /// <summary>Bytes of opcode and operand in the IL stream.</summary>
    public int Size { get; }

    /// <summary>Offset of the next instruction (the base of branch displacements).</summary>
    public int End => Offset + Size;

    /// <summary>Metadata token of a method, field, type, string, signature or ldtoken operand; 0 otherwise.</summary>
    public int Token { get; init; }

    /// <summary>Integer operand (ldc.i4*, ldc.i8, variable index of ldarg/ldloc/starg/stloc forms).</summary>
    public long Integer { get; init; }

    /// <summary>ldc.r4 / ldc.r8 operand.</summary>
    public double Real { get; init; }

    /// <summary>Branch target IL offsets: one for br*/leave, all cases for switch (in order); empty otherwise.</summary>
    public IReadOnlyList<int> Targets { get; init; } = Array.Empty<int>();

    public EntityHandle TokenHandle => MetadataTokens.EntityHandle(Token);

    public bool IsBranch => OperandType is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget;

    public override string ToString() => $"IL_{Offset:x4}: {Name}";
}
