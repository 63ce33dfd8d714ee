using System.CommandLine;
using System.Globalization;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Host.Cli;

/// <summary>The <c>--type</c> of read and write: how registers turn into the text printed or given, via <see cref="ValueCodec"/>.</summary>
internal sealed record ValueFormat(string Name, RegisterType Type, bool Hex = false)
{
    public static readonly ValueFormat[] All =
    [
        new("u16", RegisterType.UInt16),
        new("s16", RegisterType.Int16),
        new("u32", RegisterType.UInt32),
        new("s32", RegisterType.Int32),
        new("f32", RegisterType.Float32),
        new("u64", RegisterType.UInt64),
        new("s64", RegisterType.Int64),
        new("string", RegisterType.String),
        new("bool", RegisterType.Bool),
        new("hex", RegisterType.UInt16, Hex: true),
    ];

    public const string TypeHelp = "u16 (default), s16, u32, s32, f32, u64, s64, string, bool or hex";

    /// <summary>Registers per value; 0 for string, which takes all registers given.</summary>
    public int Width => ValueCodec.RegisterCount(Type);

    public bool IsText => Type == RegisterType.String;

    /// <summary><c>--type</c>: the shell completes its names.</summary>
    public static Option<string> TypeOption(string description) =>
        CliOption.Choice("--type", $"{description}: {TypeHelp}", All.Select(f => f.Name).ToArray());

    public static Option<string> WordOrderOption() =>
        CliOption.Choice("--word-order", "of 32/64-bit values [default: abcd]", "abcd", "cdab", "badc", "dcba");

    public static ValueFormat Parse(string? name) =>
        Array.Find(All, f => f.Name == (name ?? "u16")) ?? throw new UsageException($"--type must be {TypeHelp}, not '{name}'");

    public static WordOrder ParseWordOrder(string? text) => text switch
    {
        null or "abcd" => WordOrder.Abcd,
        "cdab" => WordOrder.Cdab,
        "badc" => WordOrder.Badc,
        "dcba" => WordOrder.Dcba,
        string other => throw new UsageException($"--word-order must be abcd, cdab, badc or dcba, not '{other}'"),
    };

    /// <summary>One line per value: the whole block for string, one per register for hex and the 16-bit types.</summary>
    public IEnumerable<string> FormatAll(ushort[] regs, WordOrder order)
    {
        if (IsText)
        {
            yield return ValueCodec.ToText(regs, 0, regs.Length, order);
            yield break;
        }

        for (int offset = 0; offset + Width <= regs.Length; offset += Width)
        {
            yield return Format(regs, offset, order);
        }
    }

    /// <summary>Puts one number given on the command line into <paramref name="regs"/>; a value that does not fit is a usage error.</summary>
    public void Encode(string option, string text, ushort[] regs, int offset, WordOrder order)
    {
        EncodeStatus status;
        if (Type == RegisterType.Float32)
        {
            status = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real)
                ? ValueCodec.FromDouble(real, Type, order, regs, offset)
                : throw new UsageException($"--{option}: '{text}' is not a number");
        }
        else
        {
            status = TryParseInteger(text, out long whole)
                ? ValueCodec.FromInt64(whole, Type, order, regs, offset)
                : throw new UsageException($"--{option}: '{text}' is not a whole number");
        }

        if (status != EncodeStatus.Ok)
        {
            throw new UsageException($"--{option}: '{text}' does not fit {Name}");
        }
    }

    private string Format(ushort[] regs, int offset, WordOrder order)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        if (Hex)
        {
            return "0x" + regs[offset].ToString("X4", invariant);
        }

        return Type switch
        {
            // Printed as binary32 so 230.5 stays "230.5" and 0.1f is not shown with double's extra digits.
            RegisterType.Float32 => ((float)ValueCodec.ToDouble(regs, offset, Type, order)).ToString(invariant),
            RegisterType.UInt64 => ((ulong)ValueCodec.ToInt64(regs, offset, Type, order)).ToString(invariant),
            _ => ValueCodec.ToInt64(regs, offset, Type, order).ToString(invariant),
        };
    }

    private static bool TryParseInteger(string text, out long value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
