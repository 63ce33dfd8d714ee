using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [unsigned-widen] Reference §2 "Unsigned values that stay unsigned": nanoCLR keeps the unsigned tag
/// of a value from conv.u*, an unsigned load or an unsigned-typed variable, field or return, so an
/// operation C# meant as signed acts unsigned: `long r = (int)(uint)x` zero-extends. Reported where a
/// tagged value that may have its top bit set (<see cref="StackValue.IsRiskyUnsigned"/>) meets such an
/// operation. The unsigned forms (conv.r.un, shr.un, div.un, rem.un, conv.u8) are what C# emits for
/// unsigned arithmetic and are fine.
/// </summary>
public sealed class UnsignedWidenRule : IlRule
{
    public const string RuleId = "unsigned-widen";

    private const string Advice =
        "(reference §2 'Unsigned values that stay unsigned'); reinterpret with arithmetic: u >= 0x80000000L ? u - 0x100000000L : u";

    public override string Id => RuleId;

    public override void CheckInstruction(InstructionSite site, HitList hits)
    {
        switch (site.OpCode)
        {
            case ILOpCode.Conv_i8:
            case ILOpCode.Conv_ovf_i8:
                Check32(site, site.Peek(), "is widened with conv.i8: nanoCLR zero-extends it", hits);
                break;
            case ILOpCode.Conv_r4:
            case ILOpCode.Conv_r8:
                Check32(site, site.Peek(), $"is converted with {site.Instruction.Name}: nanoCLR converts it as unsigned", hits);
                Check64(site, site.Peek(), $"is converted with {site.Instruction.Name}: nanoCLR converts it as unsigned", hits);
                break;
            case ILOpCode.Shr:
                Check32(site, site.Peek(1), "is shifted with shr: nanoCLR shifts in zeros", hits);
                Check64(site, site.Peek(1), "is shifted with shr: nanoCLR shifts in zeros", hits);
                break;
            case ILOpCode.Div:
            case ILOpCode.Rem:
                {
                    var operation = $"is divided with {site.Instruction.Name}: nanoCLR divides it as unsigned";
                    var reported = Check32(site, site.Peek(1), operation, hits) || Check64(site, site.Peek(1), operation, hits);
                    if (!reported)
                    {
                        _ = Check32(site, site.Peek(0), operation, hits) || Check64(site, site.Peek(0), operation, hits);
                    }

                    break;
                }

            case ILOpCode.Ret:
                if (IsSignedInteger(site.Frame.ReturnType) && site.Depth > 0)
                {
                    Check32(site, site.Peek(), $"is returned as {Name(site.Frame.ReturnType)}: nanoCLR keeps it unsigned for the caller", hits);
                }

                break;
            case ILOpCode.Call:
            case ILOpCode.Callvirt:
            case ILOpCode.Newobj:
                CheckArguments(site, hits);
                break;
            case ILOpCode.Stfld:
            case ILOpCode.Stsfld:
                {
                    var field = site.Resolver.Field(site.Instruction.TokenHandle);
                    if (field.Type.Kind == ShapeKind.Primitive && field.Type.Primitive is PrimitiveTypeCode.Int64 or PrimitiveTypeCode.Double)
                    {
                        Check32(site, site.Peek(), $"is stored to {Name(field.Type)} field {field.FullName}: nanoCLR zero-extends it", hits);
                    }

                    break;
                }
        }
    }

    private static void CheckArguments(InstructionSite site, HitList hits)
    {
        var callee = site.Callee!;
        var parameters = callee.Signature.ParameterTypes;
        for (var i = 0; i < parameters.Length; i++)
        {
            var type = parameters[i];
            if (IsSignedInteger(type) || type.IsFloatingPoint)
            {
                Check32(site, site.Argument(callee, i), $"is passed as a {Name(type)} argument of {callee.FullName}: nanoCLR keeps it unsigned", hits);
            }
        }
    }

    private static bool Check32(InstructionSite site, StackValue value, string operation, HitList hits)
    {
        if (!value.Is32Bit || !value.IsRiskyUnsigned)
        {
            return false;
        }

        hits.Add(RuleId, $"value from {value.UnsignedSource} {operation} {Advice}", site.Frame, site.Instruction.Offset);
        return true;
    }

    private static bool Check64(InstructionSite site, StackValue value, string operation, HitList hits)
    {
        if (value.Kind != ValueKind.Int64 || !value.IsRiskyUnsigned)
        {
            return false;
        }

        hits.Add(
            RuleId,
            $"64-bit value from {value.UnsignedSource} {operation} (reference §2 'Unsigned values that stay unsigned'); " +
            "test the top bit and reinterpret with arithmetic",
            site.Frame,
            site.Instruction.Offset);
        return true;
    }

    private static bool IsSignedInteger(TypeShape type) =>
        type.Kind == ShapeKind.Primitive && type.Primitive is PrimitiveTypeCode.Int32 or PrimitiveTypeCode.Int64;

    private static string Name(TypeShape type) => StackValue.CSharpName(type.Primitive);
}
