using System;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// Registers to numbers and text and back: a pure codec, no scaling, no flagging of sentinels or NaN
    /// (the register decoder above it does that). Decoders read from (regs, offset); encoders write
    /// into (regs, offset) and return a status when the value does not fit.
    /// </summary>
    public static class ValueCodec
    {
        /// <summary>Registers one value of the type takes; 0 for String, whose length the map gives.</summary>
        public static int RegisterCount(RegisterType type)
        {
            switch (type)
            {
                case RegisterType.UInt32:
                case RegisterType.Int32:
                case RegisterType.Float32:
                    return 2;
                case RegisterType.UInt64:
                case RegisterType.Int64:
                    return 4;
                case RegisterType.String:
                    return 0;
                default:
                    return 1;
            }
        }

        /// <summary>
        /// Any type but Float32 and String, sign- or zero-extended; Bool gives 0 or 1. UInt64 comes back
        /// as its 64 bits: cast to ulong for values above long.MaxValue. The byte order does not apply
        /// to the 8-bit types, which name their byte as it is on the wire.
        /// </summary>
        public static long ToInt64(ushort[] regs, int offset, RegisterType type, WordOrder order)
        {
            switch (type)
            {
                case RegisterType.UInt8High:
                    return regs[offset] >> 8;
                case RegisterType.UInt8Low:
                    return regs[offset] & 0xFF;
                case RegisterType.Bool:
                    return regs[offset] != 0 ? 1 : 0;
                case RegisterType.UInt16:
                    return (long)Gather(regs, offset, 1, order);
                case RegisterType.Int16:
                    return (short)Gather(regs, offset, 1, order);
                case RegisterType.UInt32:
                    return (long)Gather(regs, offset, 2, order);
                case RegisterType.Int32:
                    return SignExtend32(Gather(regs, offset, 2, order));
                case RegisterType.UInt64:
                case RegisterType.Int64:
                    return (long)Gather(regs, offset, 4, order);
                default:
                    throw new ArgumentException("not an integer type", "type");
            }
        }

        /// <summary>Any type but String. Float32 NaN and infinities come back as such.</summary>
        public static double ToDouble(ushort[] regs, int offset, RegisterType type, WordOrder order)
        {
            if (type == RegisterType.Float32)
            {
                return SingleBitsToDouble((uint)Gather(regs, offset, 2, order));
            }

            if (type == RegisterType.UInt64)
            {
                return (double)Gather(regs, offset, 4, order);
            }

            return ToInt64(regs, offset, type, order);
        }

        /// <summary>
        /// ASCII text of <paramref name="count"/> registers, first character in the first byte on the wire
        /// (Badc and Dcba swap the bytes, the word order does not apply). Ends at the first NUL, trailing
        /// spaces are trimmed, and bytes outside printable ASCII read as '?'.
        /// </summary>
        public static string ToText(ushort[] regs, int offset, int count, WordOrder order)
        {
            var chars = new char[count * 2];
            int length = 0;
            for (int i = 0; i < chars.Length; i++)
            {
                int word = Ordered(regs[offset + (i >> 1)], order);
                int b = (i & 1) == 0 ? word >> 8 : word & 0xFF;
                if (b == 0)
                {
                    break;
                }

                chars[length++] = b >= 0x20 && b <= 0x7E ? (char)b : '?';
            }

            while (length > 0 && chars[length - 1] == ' ')
            {
                length--;
            }

            return new string(chars, 0, length);
        }

        /// <summary>
        /// Any type but String (Float32 takes the nearest binary32). The 8-bit types keep the other byte of
        /// regs[offset], so a caller that loads the current register first writes back only its byte.
        /// </summary>
        public static EncodeStatus FromInt64(long value, RegisterType type, WordOrder order, ushort[] regs, int offset)
        {
            switch (type)
            {
                case RegisterType.String:
                    return EncodeStatus.WrongType;
                case RegisterType.Float32:
                    return FromDouble(value, type, order, regs, offset);
                case RegisterType.UInt8High:
                    return value < 0 || value > 0xFF ? EncodeStatus.OutOfRange : Store(regs, offset, (regs[offset] & 0x00FF) | ((int)value << 8));
                case RegisterType.UInt8Low:
                    return value < 0 || value > 0xFF ? EncodeStatus.OutOfRange : Store(regs, offset, (regs[offset] & 0xFF00) | (int)value);
                case RegisterType.Bool:
                    return value < 0 || value > 1 ? EncodeStatus.OutOfRange : Store(regs, offset, (int)value);
            }

            if (!Fits(value, type))
            {
                return EncodeStatus.OutOfRange;
            }

            Scatter((ulong)value, regs, offset, RegisterCount(type), order);
            return EncodeStatus.Ok;
        }

        /// <summary>Any type but String; integer types take only whole numbers.</summary>
        public static EncodeStatus FromDouble(double value, RegisterType type, WordOrder order, ushort[] regs, int offset)
        {
            if (type == RegisterType.String)
            {
                return EncodeStatus.WrongType;
            }

            if (double.IsNaN(value) || double.IsInfinity(value))
            {
                return EncodeStatus.OutOfRange;
            }

            if (type == RegisterType.Float32)
            {
                float single = (float)value;
                if (float.IsInfinity(single))
                {
                    return EncodeStatus.OutOfRange;
                }

                Scatter(DoubleToSingleBits(single), regs, offset, 2, order);
                return EncodeStatus.Ok;
            }

            if (value != Math.Floor(value))
            {
                return EncodeStatus.NotInteger;
            }

            // 2^63 is the first double above long.MaxValue; every double below it converts exactly.
            if (value < -9223372036854775808.0 || 9223372036854775808.0 <= value)
            {
                return EncodeStatus.OutOfRange;
            }

            return FromInt64((long)value, type, order, regs, offset);
        }

        /// <summary>
        /// ASCII text into <paramref name="count"/> registers, padded with NUL; the byte order as in
        /// <see cref="ToText"/>.
        /// </summary>
        public static EncodeStatus FromText(string text, ushort[] regs, int offset, int count, WordOrder order)
        {
            if (text.Length > count * 2)
            {
                return EncodeStatus.OutOfRange;
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < 0x20 || text[i] > 0x7E)
                {
                    return EncodeStatus.NotAscii;
                }
            }

            for (int r = 0; r < count; r++)
            {
                int high = 2 * r < text.Length ? text[2 * r] : 0;
                int low = (2 * r) + 1 < text.Length ? text[(2 * r) + 1] : 0;
                regs[offset + r] = (ushort)Ordered((high << 8) | low, order);
            }

            return EncodeStatus.Ok;
        }

        private static bool Fits(long value, RegisterType type)
        {
            switch (type)
            {
                case RegisterType.UInt16: return value >= 0 && value <= 0xFFFF;
                case RegisterType.Int16: return value >= -0x8000 && value <= 0x7FFF;
                case RegisterType.UInt32: return value >= 0 && value <= 0xFFFFFFFFL;
                case RegisterType.Int32: return value >= -0x80000000L && value <= 0x7FFFFFFF;
                case RegisterType.UInt64: return value >= 0;
                default: return true;
            }
        }

        private static EncodeStatus Store(ushort[] regs, int offset, int word)
        {
            regs[offset] = (ushort)word;
            return EncodeStatus.Ok;
        }

        /// <summary>The value's words, most significant first, as one number.</summary>
        /// <summary>
        /// The 32-bit two's complement pattern in <paramref name="bits"/> as a signed number. Written with
        /// arithmetic on a signed value, not as (int)(uint)bits: nanoCLR keeps the unsigned tag of a conv.u4
        /// through the widening to long and zero-extends (docs/architecture.md, "Rules the interpreter imposes").
        /// </summary>
        private static long SignExtend32(ulong bits)
        {
            long pattern = (long)(bits & 0xFFFFFFFF);
            return pattern < 0x80000000L ? pattern : pattern - 0x100000000L;
        }

        private static ulong Gather(ushort[] regs, int offset, int words, WordOrder order)
        {
            bool lowFirst = order == WordOrder.Cdab || order == WordOrder.Dcba;
            ulong raw = 0;
            for (int i = 0; i < words; i++)
            {
                raw = (raw << 16) | (ushort)Ordered(regs[offset + (lowFirst ? words - 1 - i : i)], order);
            }

            return raw;
        }

        private static void Scatter(ulong raw, ushort[] regs, int offset, int words, WordOrder order)
        {
            bool lowFirst = order == WordOrder.Cdab || order == WordOrder.Dcba;
            for (int i = words - 1; i >= 0; i--)
            {
                regs[offset + (lowFirst ? words - 1 - i : i)] = (ushort)Ordered((int)(raw & 0xFFFF), order);
                raw >>= 16;
            }
        }

        /// <summary>Swaps the two bytes of a register for the byte-swapped orders; the swap is its own inverse.</summary>
        private static int Ordered(int word, WordOrder order)
        {
            return order == WordOrder.Badc || order == WordOrder.Dcba ? ((word & 0xFF) << 8) | (word >> 8) : word;
        }

        /// <summary>
        /// Widens binary32 bits to a double exactly (IEEE 754-2008, 3.4): rebias the exponent from 127 to
        /// 1023 and move the 23 fraction bits to the top of the 52. Done by hand because nanoFramework has
        /// no Int32BitsToSingle.
        /// </summary>
        private static double SingleBitsToDouble(uint bits)
        {
            long sign = (long)(bits >> 31) << 63;
            int exponent = (int)((bits >> 23) & 0xFF);
            long fraction = bits & 0x7FFFFF;
            if (exponent == 0xFF)
            {
                // Infinity keeps a zero fraction, NaN a non-zero one.
                return BitConverter.Int64BitsToDouble(sign | 0x7FF0000000000000L | (fraction << 29));
            }

            if (exponent == 0)
            {
                if (fraction == 0)
                {
                    return BitConverter.Int64BitsToDouble(sign);
                }

                // Subnormal: normalise until the implicit leading 1 sits on bit 23.
                exponent = 1;
                while ((fraction & 0x800000) == 0)
                {
                    fraction <<= 1;
                    exponent--;
                }

                fraction &= 0x7FFFFF;
            }

            return BitConverter.Int64BitsToDouble(sign | ((long)(exponent - 127 + 1023) << 52) | (fraction << 29));
        }

        /// <summary>The inverse of <see cref="SingleBitsToDouble"/> for a finite binary32 value.</summary>
        private static uint DoubleToSingleBits(float value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            uint sign = (uint)((ulong)bits >> 63) << 31;
            int exponent = (int)((bits >> 52) & 0x7FF);
            long fraction = bits & 0xFFFFFFFFFFFFFL;
            if (exponent == 0)
            {
                // Only zero: every binary32 value is a normal binary64 value.
                return sign;
            }

            int single = exponent - 1023 + 127;
            if (single > 0)
            {
                return sign | ((uint)single << 23) | (uint)(fraction >> 29);
            }

            // A binary32 subnormal: restore the implicit 1 and shift it down; exact, no bits are lost.
            return sign | (uint)((fraction | 0x10000000000000L) >> (30 - single));
        }
    }
}
