using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// How the map speaks of registers, for devices and points alike: the read function, a register number counted
    /// from "addressBase", the register type, and integer constants of a raw register type (masks, sentinels,
    /// expected values).
    /// </summary>
    internal sealed class RegisterTerms
    {
        /// <summary>Read functions by their map names, in the order of <see cref="FunctionCodes"/>.</summary>
        private static readonly string[] FunctionNames = { "coil", "discrete_input", "holding", "input" };

        private static readonly FunctionCode[] FunctionCodes =
        {
            FunctionCode.ReadCoils, FunctionCode.ReadDiscreteInputs, FunctionCode.ReadHoldingRegisters, FunctionCode.ReadInputRegisters,
        };

        /// <summary>The index of "holding" in the function names; the ones below it read bits.</summary>
        public const int Holding = 2;

        private static readonly string[] TypeNames =
        {
            "uint8_high", "uint8_low", "uint16", "int16", "uint32", "int32", "float32", "uint64", "int64", "string", "bool",
        };

        private static readonly RegisterType[] Types =
        {
            RegisterType.UInt8High, RegisterType.UInt8Low, RegisterType.UInt16, RegisterType.Int16, RegisterType.UInt32,
            RegisterType.Int32, RegisterType.Float32, RegisterType.UInt64, RegisterType.Int64, RegisterType.String, RegisterType.Bool,
        };

        private const int UInt16Type = 2;
        private const int BoolType = 10;

        private readonly MapReader _r;
        private readonly JsonDocument _doc;

        // What the map's register numbers count from: 0 for PDU addresses, 1 for the vendor tables that start at 1.
        private readonly int _base;

        public RegisterTerms(MapReader r, int addressBase)
        {
            _r = r;
            _doc = r.Doc;
            _base = addressBase;
        }

        /// <summary>"function": the index of its name, holding registers when absent.</summary>
        public bool Function(int obj, out int function)
        {
            return _r.Choice(obj, "function", FunctionNames, Holding, out function);
        }

        public static FunctionCode Code(int function)
        {
            return FunctionCodes[function];
        }

        /// <summary>"type": bool for the bit functions and uint16 for registers when absent.</summary>
        public bool Type(int obj, bool bitFunction, out RegisterType type)
        {
            int index;
            type = RegisterType.UInt16;
            if (!_r.Choice(obj, "type", TypeNames, bitFunction ? BoolType : UInt16Type, out index))
            {
                return false;
            }

            type = Types[index];
            return true;
        }

        /// <summary>
        /// A register number as the map writes it, counted from "addressBase", turned into the 0-based PDU address
        /// (MODBUS Application Protocol v1.1b3, 4.4): with base 1, Sungrow's documented 13001 is PDU address 13000.
        /// </summary>
        public bool Address(int obj, string member, out int address)
        {
            long number;
            address = 0;
            if (!_r.RequiredInteger(obj, member, _base, 65535 + _base, out number))
            {
                return false;
            }

            address = (int)number - _base;
            return true;
        }

        /// <summary>
        /// An integer (decimal, or a hex string like "0xFFFF") as <see cref="ValueCodec.ToInt64"/> returns it for
        /// <paramref name="raw"/>: 0x8000 and -32768 are the same int16 value.
        /// </summary>
        public bool Constant(int token, string member, RegisterType raw, out long value)
        {
            value = 0;
            long number = 0;
            ulong pattern = 0;
            bool isNumber = _doc.Kind(token) == JsonKind.Number;
            bool parsed = isNumber ? _doc.TryGetInt64(token, out number) : _doc.Kind(token) == JsonKind.String && ParseHex(_doc.GetString(token), out pattern);
            if (!parsed)
            {
                return _r.Fail(MapErrorCode.WrongType, token, member, "expected an integer or a hex string such as \"0xFFFF\"");
            }

            if (isNumber)
            {
                pattern = (ulong)number;
            }

            int width = Width(raw);
            bool signed = raw == RegisterType.Int16 || raw == RegisterType.Int32 || raw == RegisterType.Int64;
            bool fits = isNumber && number < 0
                ? signed && (width == 64 || number >= -(1L << (width - 1)))
                : width == 64 || pattern <= WidthMask(width);
            if (!fits)
            {
                return _r.Fail(MapErrorCode.OutOfRange, token, member, "does not fit " + NameOf(raw));
            }

            value = isNumber && number < 0 ? number
                : signed && width < 64 && pattern > (WidthMask(width) >> 1) ? (long)pattern - (1L << width)
                : (long)pattern;
            return true;
        }

        public static int Width(RegisterType raw)
        {
            switch (raw)
            {
                case RegisterType.UInt8High:
                case RegisterType.UInt8Low:
                    return 8;
                case RegisterType.UInt32:
                case RegisterType.Int32:
                    return 32;
                case RegisterType.UInt64:
                case RegisterType.Int64:
                    return 64;
                default:
                    return 16;
            }
        }

        public static ulong WidthMask(int width)
        {
            return width == 64 ? ulong.MaxValue : (1UL << width) - 1;
        }

        private static bool ParseHex(string text, out ulong value)
        {
            value = 0;
            if (text.Length < 3 || text.Length > 18 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
            {
                return false;
            }

            for (int i = 2; i < text.Length; i++)
            {
                int d = JsonNumber.HexDigit(text[i]);
                if (d < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)d;
            }

            return true;
        }

        private static string NameOf(RegisterType type)
        {
            for (int i = 0; i < Types.Length; i++)
            {
                if (Types[i] == type)
                {
                    return TypeNames[i];
                }
            }

            return string.Empty;
        }
    }
}
