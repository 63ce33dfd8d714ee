using EnergyLogger.Core.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Registers;

public class ValueCodecTests
{
    // Words as they come off the wire for each order; 0x0102030405060708 and 0x12345678 as reference values.
    public static TheoryData<RegisterType, WordOrder, ushort[], long> IntegerVectors => new()
    {
        { RegisterType.UInt8High, WordOrder.Abcd, [0x12AB], 0x12 },
        { RegisterType.UInt8Low, WordOrder.Abcd, [0x12AB], 0xAB },
        { RegisterType.UInt8High, WordOrder.Badc, [0x12AB], 0x12 },
        { RegisterType.UInt16, WordOrder.Abcd, [0x1234], 0x1234 },
        { RegisterType.UInt16, WordOrder.Cdab, [0x1234], 0x1234 },
        { RegisterType.UInt16, WordOrder.Badc, [0x3412], 0x1234 },
        { RegisterType.UInt16, WordOrder.Dcba, [0x3412], 0x1234 },
        { RegisterType.UInt16, WordOrder.Abcd, [0xFFFF], 65535 },
        { RegisterType.Int16, WordOrder.Abcd, [0xFFFF], -1 },
        { RegisterType.Int16, WordOrder.Abcd, [0x8000], short.MinValue },
        { RegisterType.Int16, WordOrder.Abcd, [0x7FFF], short.MaxValue },
        { RegisterType.Int16, WordOrder.Badc, [0x0080], short.MinValue },
        { RegisterType.UInt32, WordOrder.Abcd, [0x1234, 0x5678], 0x12345678 },
        { RegisterType.UInt32, WordOrder.Cdab, [0x5678, 0x1234], 0x12345678 },
        { RegisterType.UInt32, WordOrder.Badc, [0x3412, 0x7856], 0x12345678 },
        { RegisterType.UInt32, WordOrder.Dcba, [0x7856, 0x3412], 0x12345678 },
        { RegisterType.UInt32, WordOrder.Abcd, [0xFFFF, 0xFFFF], uint.MaxValue },
        { RegisterType.Int32, WordOrder.Abcd, [0xFFFF, 0xFFFE], -2 },
        { RegisterType.Int32, WordOrder.Abcd, [0x8000, 0x0000], int.MinValue },
        { RegisterType.Int32, WordOrder.Abcd, [0x7FFF, 0xFFFF], int.MaxValue },
        { RegisterType.Int32, WordOrder.Cdab, [0x0000, 0x8000], int.MinValue },
        { RegisterType.Int32, WordOrder.Cdab, [0xFFFF, 0x7FFF], int.MaxValue },
        { RegisterType.UInt64, WordOrder.Abcd, [0x0102, 0x0304, 0x0506, 0x0708], 0x0102030405060708 },
        { RegisterType.UInt64, WordOrder.Cdab, [0x0708, 0x0506, 0x0304, 0x0102], 0x0102030405060708 },
        { RegisterType.UInt64, WordOrder.Badc, [0x0201, 0x0403, 0x0605, 0x0807], 0x0102030405060708 },
        { RegisterType.UInt64, WordOrder.Dcba, [0x0807, 0x0605, 0x0403, 0x0201], 0x0102030405060708 },
        { RegisterType.Int64, WordOrder.Abcd, [0x8000, 0, 0, 0], long.MinValue },
        { RegisterType.Int64, WordOrder.Abcd, [0x7FFF, 0xFFFF, 0xFFFF, 0xFFFF], long.MaxValue },
        { RegisterType.Int64, WordOrder.Cdab, [0, 0, 0, 0x8000], long.MinValue },
        { RegisterType.Int64, WordOrder.Abcd, [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], -1 },
        { RegisterType.Bool, WordOrder.Abcd, [0x0000], 0 },
        { RegisterType.Bool, WordOrder.Abcd, [0x0100], 1 },
        { RegisterType.Bool, WordOrder.Abcd, [0xFFFF], 1 },
    };

    [Theory]
    [MemberData(nameof(IntegerVectors))]
    public void ToInt64_GoldenWords_DecodesValue(RegisterType type, WordOrder order, ushort[] words, long expected)
    {
        // A leading pad word proves the offset is honoured.
        ushort[] regs = [0xDEAD, .. words];

        Assert.Equal(expected, ValueCodec.ToInt64(regs, 1, type, order));
        Assert.Equal((double)expected, ValueCodec.ToDouble(regs, 1, type, order));
    }

    [Theory]
    [MemberData(nameof(IntegerVectors))]
    public void FromInt64_GoldenValue_WritesExactWords(RegisterType type, WordOrder order, ushort[] words, long value)
    {
        // The 8-bit types keep the other byte; start from the golden word so that byte is already right.
        var regs = new ushort[words.Length + 2];
        if (type is RegisterType.UInt8High or RegisterType.UInt8Low)
        {
            regs[1] = words[0];
        }

        // Bool encodes 1 for every true register, so only its 0/1 vectors round-trip word for word.
        ushort[] expected = type == RegisterType.Bool ? [(ushort)value] : words;

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromInt64(value, type, order, regs, 1));
        Assert.Equal(expected, regs[1..^1]);
        Assert.Equal(0, regs[0]);
        Assert.Equal(0, regs[^1]);
    }

    [Fact]
    public void ToInt64_UInt64Max_ReturnsAllBitsAndToDoubleIsUnsigned()
    {
        ushort[] regs = [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF];

        Assert.Equal(ulong.MaxValue, (ulong)ValueCodec.ToInt64(regs, 0, RegisterType.UInt64, WordOrder.Abcd));
        Assert.Equal(18446744073709551615.0, ValueCodec.ToDouble(regs, 0, RegisterType.UInt64, WordOrder.Abcd));
    }

    [Theory]
    [InlineData(RegisterType.Float32)]
    [InlineData(RegisterType.String)]
    public void ToInt64_NonIntegerType_Throws(RegisterType type)
    {
        Assert.Throws<ArgumentException>(() => ValueCodec.ToInt64(new ushort[4], 0, type, WordOrder.Abcd));
    }

    public static TheoryData<uint, WordOrder, ushort[]> FloatVectors => new()
    {
        { 0x43668000, WordOrder.Abcd, [0x4366, 0x8000] }, // 230.5
        { 0x43668000, WordOrder.Cdab, [0x8000, 0x4366] },
        { 0x43668000, WordOrder.Badc, [0x6643, 0x0080] },
        { 0x43668000, WordOrder.Dcba, [0x0080, 0x6643] },
        { 0xBFC00000, WordOrder.Abcd, [0xBFC0, 0x0000] }, // -1.5
        { 0x3DCCCCCD, WordOrder.Abcd, [0x3DCC, 0xCCCD] }, // 0.1f
        { 0x7F7FFFFF, WordOrder.Abcd, [0x7F7F, 0xFFFF] }, // float.MaxValue
        { 0x00800000, WordOrder.Abcd, [0x0080, 0x0000] }, // smallest normal
        { 0x00000001, WordOrder.Abcd, [0x0000, 0x0001] }, // smallest subnormal
        { 0x00400000, WordOrder.Abcd, [0x0040, 0x0000] }, // 2^-127, subnormal
        { 0x807FFFFF, WordOrder.Abcd, [0x807F, 0xFFFF] }, // largest negative subnormal
        { 0x00000000, WordOrder.Abcd, [0x0000, 0x0000] },
        { 0x80000000, WordOrder.Abcd, [0x8000, 0x0000] }, // -0
    };

    [Theory]
    [MemberData(nameof(FloatVectors))]
    public void ToDouble_Float32Words_MatchesBinary32(uint bits, WordOrder order, ushort[] words)
    {
        double decoded = ValueCodec.ToDouble(words, 0, RegisterType.Float32, order);

        Assert.Equal(BitConverter.DoubleToInt64Bits(BitConverter.Int32BitsToSingle((int)bits)), BitConverter.DoubleToInt64Bits(decoded));
    }

    [Theory]
    [MemberData(nameof(FloatVectors))]
    public void FromDouble_Float32Value_WritesExactWords(uint bits, WordOrder order, ushort[] words)
    {
        var regs = new ushort[2];

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromDouble(BitConverter.Int32BitsToSingle((int)bits), RegisterType.Float32, order, regs, 0));
        Assert.Equal(words, regs);
    }

    [Theory]
    [InlineData(0x7FC00000u)]
    [InlineData(0xFFC00000u)]
    [InlineData(0x7F800001u)]
    public void ToDouble_Float32NaN_DecodesNaN(uint bits)
    {
        ushort[] regs = [(ushort)(bits >> 16), (ushort)bits];

        Assert.True(double.IsNaN(ValueCodec.ToDouble(regs, 0, RegisterType.Float32, WordOrder.Abcd)));
    }

    [Theory]
    [InlineData(WordOrder.Abcd, new ushort[] { 0x7F80, 0x0000 }, double.PositiveInfinity)]
    [InlineData(WordOrder.Abcd, new ushort[] { 0xFF80, 0x0000 }, double.NegativeInfinity)]
    [InlineData(WordOrder.Cdab, new ushort[] { 0x0000, 0x7F80 }, double.PositiveInfinity)]
    public void ToDouble_Float32Infinity_DecodesInfinity(WordOrder order, ushort[] words, double expected)
    {
        Assert.Equal(expected, ValueCodec.ToDouble(words, 0, RegisterType.Float32, order));
    }

    [Fact]
    public void Float32_SeededBitPatterns_RoundTripLikeTheRuntime()
    {
        var random = new Random(20240611);
        var regs = new ushort[2];
        for (int i = 0; i < 20000; i++)
        {
            int bits = random.Next(int.MinValue, int.MaxValue);
            float expected = BitConverter.Int32BitsToSingle(bits);
            regs[0] = (ushort)(bits >> 16);
            regs[1] = (ushort)bits;

            double decoded = ValueCodec.ToDouble(regs, 0, RegisterType.Float32, WordOrder.Abcd);
            if (float.IsNaN(expected))
            {
                Assert.True(double.IsNaN(decoded));
                continue;
            }

            Assert.Equal((double)expected, decoded);
            if (float.IsFinite(expected))
            {
                Array.Clear(regs);
                Assert.Equal(EncodeStatus.Ok, ValueCodec.FromDouble(decoded, RegisterType.Float32, WordOrder.Abcd, regs, 0));
                Assert.Equal(bits, (regs[0] << 16) | regs[1]);
            }
        }
    }

    [Fact]
    public void FromDouble_Float32_RoundsToNearestBinary32()
    {
        var regs = new ushort[2];

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromDouble(0.1, RegisterType.Float32, WordOrder.Abcd, regs, 0));
        Assert.Equal(new ushort[] { 0x3DCC, 0xCCCD }, regs);
    }

    public static TheoryData<ushort[], WordOrder, string> TextVectors => new()
    {
        { [0x534E, 0x2D32, 0x3032, 0x3400], WordOrder.Abcd, "SN-2024" },
        { [0x4142, 0x4320, 0x2020], WordOrder.Abcd, "ABC" },
        { [0x4142, 0x0000, 0x4344], WordOrder.Abcd, "AB" },
        { [0x4120, 0x4200], WordOrder.Abcd, "A B" },
        { [0x4241, 0x0043], WordOrder.Badc, "ABC" },
        { [0x4241, 0x0043], WordOrder.Dcba, "ABC" },
        { [0x4142, 0x4344], WordOrder.Cdab, "ABCD" },
        { [0x41FF, 0x0142], WordOrder.Abcd, "A??B" },
        { [0x0000, 0x4142], WordOrder.Abcd, "" },
        { [0x2020, 0x2020], WordOrder.Abcd, "" },
    };

    [Theory]
    [MemberData(nameof(TextVectors))]
    public void ToText_Registers_DecodesTrimmedAscii(ushort[] words, WordOrder order, string expected)
    {
        Assert.Equal(expected, ValueCodec.ToText(words, 0, words.Length, order));
    }

    [Theory]
    [InlineData("SN-2024", WordOrder.Abcd, new ushort[] { 0x534E, 0x2D32, 0x3032, 0x3400, 0x0000 })]
    [InlineData("ABC", WordOrder.Badc, new ushort[] { 0x4241, 0x0043, 0x0000, 0x0000, 0x0000 })]
    [InlineData("", WordOrder.Abcd, new ushort[] { 0, 0, 0, 0, 0 })]
    [InlineData("0123456789", WordOrder.Abcd, new ushort[] { 0x3031, 0x3233, 0x3435, 0x3637, 0x3839 })]
    public void FromText_Ascii_WritesPaddedRegisters(string text, WordOrder order, ushort[] expected)
    {
        ushort[] regs = [0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA];

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromText(text, regs, 0, 5, order));
        Assert.Equal(expected, regs);
        Assert.Equal(text, ValueCodec.ToText(regs, 0, 5, order));
    }

    [Theory]
    [InlineData("ABCDE", EncodeStatus.OutOfRange)]
    [InlineData("Ä", EncodeStatus.NotAscii)]
    [InlineData("A\nB", EncodeStatus.NotAscii)]
    public void FromText_Unfit_ReturnsStatusAndWritesNothing(string text, EncodeStatus expected)
    {
        ushort[] regs = [0xAAAA, 0xAAAA];

        Assert.Equal(expected, ValueCodec.FromText(text, regs, 0, 2, WordOrder.Abcd));
        Assert.Equal(new ushort[] { 0xAAAA, 0xAAAA }, regs);
    }

    [Theory]
    [InlineData(RegisterType.UInt8High, 256)]
    [InlineData(RegisterType.UInt8Low, -1)]
    [InlineData(RegisterType.UInt16, 65536)]
    [InlineData(RegisterType.UInt16, -1)]
    [InlineData(RegisterType.Int16, 32768)]
    [InlineData(RegisterType.Int16, -32769)]
    [InlineData(RegisterType.UInt32, 4294967296)]
    [InlineData(RegisterType.UInt32, -1)]
    [InlineData(RegisterType.Int32, 2147483648)]
    [InlineData(RegisterType.Int32, -2147483649)]
    [InlineData(RegisterType.UInt64, -1)]
    [InlineData(RegisterType.Bool, 2)]
    [InlineData(RegisterType.Bool, -1)]
    public void FromInt64_OutsideType_ReturnsOutOfRangeAndWritesNothing(RegisterType type, long value)
    {
        ushort[] regs = [0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA];

        Assert.Equal(EncodeStatus.OutOfRange, ValueCodec.FromInt64(value, type, WordOrder.Abcd, regs, 0));
        Assert.Equal(new ushort[] { 0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA }, regs);
    }

    [Theory]
    [InlineData(RegisterType.Float32, 1e39, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.Float32, -1e39, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.Float32, double.NaN, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.Float32, double.PositiveInfinity, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.UInt16, double.NaN, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.UInt16, 1.5, EncodeStatus.NotInteger)]
    [InlineData(RegisterType.Int32, -0.25, EncodeStatus.NotInteger)]
    [InlineData(RegisterType.UInt16, 65536.0, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.Int64, 9223372036854775808.0, EncodeStatus.OutOfRange)]
    [InlineData(RegisterType.String, 1.0, EncodeStatus.WrongType)]
    public void FromDouble_Unfit_ReturnsStatusAndWritesNothing(RegisterType type, double value, EncodeStatus expected)
    {
        ushort[] regs = [0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA];

        Assert.Equal(expected, ValueCodec.FromDouble(value, type, WordOrder.Abcd, regs, 0));
        Assert.Equal(new ushort[] { 0xAAAA, 0xAAAA, 0xAAAA, 0xAAAA }, regs);
    }

    [Theory]
    [InlineData(RegisterType.UInt16, 65535.0, new ushort[] { 0xFFFF })]
    [InlineData(RegisterType.Int16, -32768.0, new ushort[] { 0x8000 })]
    [InlineData(RegisterType.Int64, -9223372036854775808.0, new ushort[] { 0x8000, 0, 0, 0 })]
    [InlineData(RegisterType.Bool, 1.0, new ushort[] { 1 })]
    public void FromDouble_WholeNumberAtLimit_Encodes(RegisterType type, double value, ushort[] expected)
    {
        var regs = new ushort[expected.Length];

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromDouble(value, type, WordOrder.Abcd, regs, 0));
        Assert.Equal(expected, regs);
    }

    [Fact]
    public void FromInt64_StringType_ReturnsWrongType()
    {
        Assert.Equal(EncodeStatus.WrongType, ValueCodec.FromInt64(1, RegisterType.String, WordOrder.Abcd, new ushort[2], 0));
    }

    [Fact]
    public void FromInt64_Float32_EncodesNearestBinary32()
    {
        var regs = new ushort[2];

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromInt64(-2, RegisterType.Float32, WordOrder.Cdab, regs, 0));
        Assert.Equal(new ushort[] { 0x0000, 0xC000 }, regs);
    }

    [Theory]
    [InlineData(RegisterType.UInt8High, 0x5A, 0x5A34)]
    [InlineData(RegisterType.UInt8Low, 0x5A, 0x125A)]
    public void FromInt64_ByteType_KeepsTheOtherByte(RegisterType type, long value, int expected)
    {
        ushort[] regs = [0x1234];

        Assert.Equal(EncodeStatus.Ok, ValueCodec.FromInt64(value, type, WordOrder.Abcd, regs, 0));
        Assert.Equal(expected, regs[0]);
    }

    [Theory]
    [InlineData(RegisterType.UInt8High, 1)]
    [InlineData(RegisterType.UInt8Low, 1)]
    [InlineData(RegisterType.UInt16, 1)]
    [InlineData(RegisterType.Int16, 1)]
    [InlineData(RegisterType.Bool, 1)]
    [InlineData(RegisterType.UInt32, 2)]
    [InlineData(RegisterType.Int32, 2)]
    [InlineData(RegisterType.Float32, 2)]
    [InlineData(RegisterType.UInt64, 4)]
    [InlineData(RegisterType.Int64, 4)]
    [InlineData(RegisterType.String, 0)]
    public void RegisterCount_EachType_IsItsWidth(RegisterType type, int expected)
    {
        Assert.Equal(expected, ValueCodec.RegisterCount(type));
    }
}
