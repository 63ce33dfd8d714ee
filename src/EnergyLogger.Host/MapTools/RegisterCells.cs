using System.Globalization;

namespace EnergyLogger.Host.MapTools;

/// <summary>
/// The spellings vendors use in register tables, read into the map's own vocabulary. Each parser returns
/// null (or false) for a cell it cannot read, so the caller can name the row and the cell.
/// </summary>
internal static class RegisterCells
{
    private static readonly (string Type, int Width, string[] Spellings)[] Types =
    [
        ("uint16", 1, ["u16", "uint16", "uint", "unsigned", "unsigned16", "word", "ushort", "uinteger"]),
        ("int16", 1, ["s16", "i16", "int16", "int", "signed", "signed16", "short", "integer", "sint16"]),
        ("uint32", 2, ["u32", "uint32", "udint", "udword", "dword", "unsigned32", "ulong"]),
        ("int32", 2, ["s32", "i32", "int32", "dint", "sdword", "signed32", "long", "sint32"]),
        ("uint64", 4, ["u64", "uint64", "ulint", "unsigned64"]),
        ("int64", 4, ["s64", "i64", "int64", "lint", "signed64", "sint64"]),
        ("float32", 2, ["f32", "float", "float32", "real", "ieee754", "single"]),
        ("string", 0, ["string", "str", "ascii", "char", "chars", "text"]),
        ("bool", 1, ["bool", "boolean", "bit"]),
        ("uint8_high", 1, ["u8h", "uint8high", "highbyte", "hibyte"]),
        ("uint8_low", 1, ["u8l", "uint8low", "lowbyte", "lobyte"]),
    ];

    private static readonly (string Function, string[] Spellings)[] Functions =
    [
        ("holding", ["3", "03", "fc3", "fc03", "0x03", "holding", "holdingregister", "holdingregisters", "hr", "4x"]),
        ("input", ["4", "04", "fc4", "fc04", "0x04", "input", "inputregister", "inputregisters", "ir", "3x"]),
        ("coil", ["1", "01", "fc1", "fc01", "0x01", "coil", "coils", "0x"]),
        ("discrete_input", ["2", "02", "fc2", "fc02", "0x02", "discrete", "discreteinput", "discreteinputs", "di", "1x"]),
    ];

    private static readonly (string Order, string[] Spellings)[] WordOrders =
    [
        ("ABCD", ["abcd", "big", "bigendian", "be", "msw", "mswfirst", "highwordfirst", "hl", "1234"]),
        ("CDAB", ["cdab", "little", "littleendian", "le", "lsw", "lswfirst", "lowwordfirst", "lh", "wordswap", "swapped", "3412"]),
        ("BADC", ["badc", "byteswap", "2143"]),
        ("DCBA", ["dcba", "4321"]),
    ];

    /// <summary>The map units of the schema's quantities for the spellings tables use; anything else is kept as written.</summary>
    private static readonly (string Unit, string[] Spellings)[] Units =
    [
        ("degC", ["°c", "℃", "c", "degc", "celsius", "deg c", "degrees celsius"]),
        ("kWh", ["kwh"]),
        ("W", ["w", "watt", "watts"]),
        ("V", ["v", "volt", "volts", "v dc", "v ac"]),
        ("A", ["a", "amp", "amps", "ampere", "a dc", "a ac"]),
        ("Hz", ["hz"]),
        ("%", ["%", "percent"]),
    ];

    /// <summary>(map type, registers it takes; 0 for a string), or null.</summary>
    public static (string Type, int Width)? Type(string cell)
    {
        string key = Key(cell);
        foreach (var (type, width, spellings) in Types)
        {
            if (Array.IndexOf(spellings, key) >= 0)
            {
                return (type, width);
            }
        }

        return null;
    }

    public static string? Function(string cell) => Lookup(Functions, Key(cell));

    public static string? WordOrder(string cell) => Lookup(WordOrders, Key(cell));

    /// <summary>The unit of a cell in the map's spelling; null for the "no unit" marks tables use (N/A, -).</summary>
    public static string? Unit(string cell)
    {
        string key = cell.Trim().ToLowerInvariant();
        return key is "n/a" or "na" or "-" or "/" or "none" ? null : Lookup(Units, key) ?? cell.Trim();
    }

    /// <summary>
    /// A unit cell that carries the resolution in front of the unit, as Solis writes "0.1V", "0.01kWh" or a bare
    /// "0.01": the number and the unit (null for a bare number), or null when the cell does not start with a number.
    /// </summary>
    public static (double Step, string? Unit)? SteppedUnit(string cell)
    {
        string text = cell.Trim();
        int digits = 0;
        while (digits < text.Length && (char.IsAsciiDigit(text[digits]) || text[digits] == '.'))
        {
            digits++;
        }

        if (digits == 0 || Scale(text[..digits]) is not double step)
        {
            return null;
        }

        return digits == text.Length ? (step, null) : Unit(text[digits..]) is string unit ? (step, unit) : null;
    }

    /// <summary>A type written with its length, as "string[6]" or "STR(10)": the type's cell and the register count.</summary>
    public static (string Type, int Count)? SizedType(string cell)
    {
        string text = cell.Trim();
        int open = text.IndexOfAny(['[', '(']);
        return open > 0 && text.Length > open + 2 && text[^1] is ']' or ')' && Integer(text[(open + 1)..^1]) is long count and >= 1 and <= 125
            ? (text[..open], (int)count)
            : null;
    }

    /// <summary>
    /// An address in decimal, 0x hex or hex with an h suffix; a range "a-b" (or "a~b") gives its first
    /// address and its length.
    /// </summary>
    public static (int First, int Length)? Address(string cell)
    {
        string[] parts = cell.Split(['-', '~', '–'], StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2 || Integer(parts[0]) is not long first || first < 0)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return ((int)Math.Min(first, int.MaxValue), 1);
        }

        long? last = Integer(parts[1]);
        return last is long end && end >= first && end - first < 125 ? ((int)first, (int)(end - first + 1)) : null;
    }

    /// <summary>A scale as a number, "x0.1", "*0.1" or "1/10"; null when unreadable or 0.</summary>
    public static double? Scale(string cell)
    {
        string text = cell.Trim().TrimStart('x', 'X', '*', '×').Trim();
        int slash = text.IndexOf('/');
        double? value = slash < 0 ? Number(text) : Number(text[..slash]) / Number(text[(slash + 1)..]);
        return value is double v && v != 0 && double.IsFinite(v) ? v : null;
    }

    public static double? Number(string cell) =>
        double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    /// <summary>Decimal, 0x hex, or hex with an h suffix (as Chinese datasheets write 1000H).</summary>
    public static long? Integer(string cell)
    {
        string text = cell.Trim();
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || (text.EndsWith('h') || text.EndsWith('H'));
        string digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : hex ? text[..^1] : text;
        bool ok = hex
            ? long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long value)
            : long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && digits.Length > 0 ? value : null;
    }

    /// <summary>A point name of the map: a-z first, then a-z, 0-9 and _, at most 32 characters; null when nothing is left.</summary>
    public static string? Slug(string text)
    {
        var name = new System.Text.StringBuilder();
        foreach (char c in text.ToLowerInvariant())
        {
            bool keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
            {
                name.Append(c);
            }
            else if (name.Length > 0 && name[^1] != '_')
            {
                name.Append('_');
            }
        }

        string slug = name.ToString().Trim('_');
        slug = slug.Length > 0 && char.IsDigit(slug[0]) ? "r" + slug : slug;
        return slug.Length == 0 ? null : slug.Length > 32 ? slug[..32].TrimEnd('_') : slug;
    }

    private static string Key(string cell)
    {
        return new string(cell.Trim().ToLowerInvariant().Where(c => c is not (' ' or '_' or '-' or '.')).ToArray());
    }

    private static string? Lookup((string Value, string[] Spellings)[] table, string key)
    {
        foreach (var (value, spellings) in table)
        {
            if (Array.IndexOf(spellings, key) >= 0)
            {
                return value;
            }
        }

        return null;
    }
}
