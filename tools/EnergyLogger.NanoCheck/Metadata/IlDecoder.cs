using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>
/// Decodes a method body's IL into instructions. The opcode table (mnemonics and operand kinds) comes
/// from System.Reflection.Emit.OpCodes, so it is the runtime's own ECMA-335 table and not a copy.
/// </summary>
public static class IlDecoder
{
    private static readonly OpCode?[] OneByte = new OpCode?[256];
    private static readonly OpCode?[] TwoByte = new OpCode?[256];

    static IlDecoder()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetValue(null) is OpCode op)
            {
                var value = (ushort)op.Value;
                if (op.Size == 1)
                {
                    OneByte[value] = op;
                }
                else
                {
                    TwoByte[value & 0xFF] = op;
                }
            }
        }
    }

    public static IReadOnlyList<IlInstruction> Decode(MethodBodyBlock body)
    {
        return Decode(body.GetILBytes() ?? Array.Empty<byte>());
    }

    public static IReadOnlyList<IlInstruction> Decode(byte[] il)
    {
        var result = new List<IlInstruction>();
        var reader = new IlBytes(il);
        while (reader.RemainingBytes > 0)
        {
            var offset = reader.Offset;
            OpCode op;
            var first = reader.ReadByte();
            if (first == 0xFE)
            {
                var second = reader.ReadByte();
                op = TwoByte[second] ?? throw new BadImageFormatException($"unknown opcode 0xFE{second:X2} at IL_{offset:x4}");
            }
            else
            {
                op = OneByte[first] ?? throw new BadImageFormatException($"unknown opcode 0x{first:X2} at IL_{offset:x4}");
            }

            result.Add(ReadOperand(ref reader, offset, op));
        }

        return result;
    }

    private static IlInstruction ReadOperand(ref IlBytes reader, int offset, OpCode op)
    {
        var code = (ILOpCode)(ushort)op.Value;
        int token = 0;
        long integer = 0;
        double real = 0;
        IReadOnlyList<int> targets = Array.Empty<int>();

        switch (op.OperandType)
        {
            case OperandType.InlineNone:
                integer = ImpliedInteger(code);
                break;
            case OperandType.ShortInlineBrTarget:
                {
                    int delta = reader.ReadSByte();
                    targets = new[] { reader.Offset + delta };
                    break;
                }

            case OperandType.InlineBrTarget:
                {
                    var delta = reader.ReadInt32();
                    targets = new[] { reader.Offset + delta };
                    break;
                }

            case OperandType.ShortInlineI:
                // ldc.i4.s is signed; unaligned. (the only other user) is not.
                integer = code == ILOpCode.Ldc_i4_s ? reader.ReadSByte() : reader.ReadByte();
                break;
            case OperandType.ShortInlineVar:
                integer = reader.ReadByte();
                break;
            case OperandType.InlineVar:
                integer = reader.ReadUInt16();
                break;
            case OperandType.InlineI:
                integer = reader.ReadInt32();
                break;
            case OperandType.InlineI8:
                integer = reader.ReadInt64();
                break;
            case OperandType.ShortInlineR:
                real = reader.ReadSingle();
                break;
            case OperandType.InlineR:
                real = reader.ReadDouble();
                break;
            case OperandType.InlineSwitch:
                {
                    var count = reader.ReadInt32();
                    var deltas = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        deltas[i] = reader.ReadInt32();
                    }

                    var baseOffset = reader.Offset;
                    targets = deltas.Select(d => baseOffset + d).ToArray();
                    break;
                }

            case OperandType.InlineField:
            case OperandType.InlineMethod:
            case OperandType.InlineType:
            case OperandType.InlineTok:
            case OperandType.InlineString:
            case OperandType.InlineSig:
                token = reader.ReadInt32();
                break;
            default:
                throw new BadImageFormatException($"unsupported operand type {op.OperandType} at IL_{offset:x4}");
        }

        return new IlInstruction(offset, code, op.Name ?? code.ToString(), op.Size, op.OperandType, reader.Offset - offset)
        {
            Token = token,
            Integer = integer,
            Real = real,
            Targets = targets,
        };
    }

    /// <summary>The constant or variable index that the short forms (ldc.i4.3, ldloc.1, ...) carry in the opcode.</summary>
    private static long ImpliedInteger(ILOpCode code)
    {
        return code switch
        {
            ILOpCode.Ldc_i4_m1 => -1,
            >= ILOpCode.Ldc_i4_0 and <= ILOpCode.Ldc_i4_8 => code - ILOpCode.Ldc_i4_0,
            >= ILOpCode.Ldarg_0 and <= ILOpCode.Ldarg_3 => code - ILOpCode.Ldarg_0,
            >= ILOpCode.Ldloc_0 and <= ILOpCode.Ldloc_3 => code - ILOpCode.Ldloc_0,
            >= ILOpCode.Stloc_0 and <= ILOpCode.Stloc_3 => code - ILOpCode.Stloc_0,
            _ => 0,
        };
    }
}

/// <summary>Little-endian reads over an IL byte array (BlobReader needs a pinned pointer).</summary>
internal struct IlBytes
{
    private readonly byte[] bytes;

    public IlBytes(byte[] bytes)
    {
        this.bytes = bytes;
        Offset = 0;
    }

    public int Offset { get; private set; }

    public int RemainingBytes => bytes.Length - Offset;

    public byte ReadByte() => Take(1)[0];

    public sbyte ReadSByte() => unchecked((sbyte)Take(1)[0]);

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    private ReadOnlySpan<byte> Take(int count)
    {
        if (Offset + count > bytes.Length)
        {
            throw new BadImageFormatException($"IL ends inside an instruction at IL_{Offset:x4}");
        }

        var span = new ReadOnlySpan<byte>(bytes, Offset, count);
        Offset += count;
        return span;
    }
}
