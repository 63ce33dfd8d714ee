using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Vectors;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

public class PointDecoderTests
{
    private const FunctionCode Holding = FunctionCode.ReadHoldingRegisters;

    private static RegisterFrame FrameFor(string points)
    {
        return new RegisterFrame(Load(With(points: points)));
    }

    private static string Text(double value, int digits)
    {
        var buf = new byte[JsonNumberFormat.MaxLength];
        return Encoding.ASCII.GetString(buf, 0, JsonNumberFormat.Write(value, digits, JsonWriter.DefaultMaxDecimals, buf, 0));
    }

    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < DecodeVectors.Names.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void Vectors_TablesHaveOneEntryPerName()
    {
        int n = DecodeVectors.Names.Length;
        Assert.Equal(new[] { n, n, n, n }, new[] { DecodeVectors.Point.Length, DecodeVectors.Words.Length, DecodeVectors.Quality.Length, DecodeVectors.Text.Length });
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void M10_Decode_GoldenVector_ExactValueOrFlagged(int i)
    {
        RegisterFrame frame = FrameFor(List("{\"name\":\"p\",\"address\":" + DecodeVectors.Address + "," + DecodeVectors.Point[i] + "}"));
        ushort[] words = DecodeVectors.Words[i];
        frame.Deliver(0, Holding, DecodeVectors.Address, words, 0, words.Length);

        ValueQuality quality = PointDecoder.Decode(frame, frame.Map.Points[0], out double value, out _);

        Assert.Equal(DecodeVectors.Quality[i], ValueQualityText.Of(quality));
        if (quality == ValueQuality.Ok)
        {
            Assert.Equal(DecodeVectors.Text[i], Text(value, frame.Map.Points[0].SignificantDigits));
        }
        else
        {
            Assert.Null(DecodeVectors.Text[i]);
            Assert.Equal(0, value);
        }
    }

    [Theory]
    [InlineData("CDAB")]
    [InlineData("ABCD")]
    public void M10_ThirtyTwoBitValueTornAcrossTwoReads_FlaggedTorn(string order)
    {
        RegisterFrame frame = FrameFor(List("{\"name\":\"e\",\"address\":10,\"type\":\"uint32\",\"wordOrder\":\"" + order + "\"}"));
        frame.Deliver(0, Holding, 9, new ushort[] { 0, 0xFFFF }, 0, 2);
        frame.Deliver(0, Holding, 11, new ushort[] { 0x0001, 0 }, 0, 2);

        Assert.Equal(ValueQuality.Torn, PointDecoder.Decode(frame, frame.Map.Points[0], out double value, out _));
        Assert.Equal(0, value);

        frame.Deliver(0, Holding, 10, new ushort[] { 0xFFFF, 0x0001 }, 0, 2);
        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[0], out _, out _));
    }

    [Fact]
    public void Decode_NeverRead_IsStale()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"p","address":1}"""));

        Assert.Equal(ValueQuality.Stale, PointDecoder.Decode(frame, frame.Map.Points[0], out _, out _));
    }

    [Fact]
    public void M1_FailedRead_MarksItsPointStaleAndOthersUntouched()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"a","address":1}""", """{"name":"b","address":2,"type":"uint32"}""", """{"name":"c","address":9}"""));
        frame.Deliver(0, Holding, 1, new ushort[] { 5, 0, 6, 0, 0, 0, 0, 0, 7 }, 0, 9);

        frame.MarkPoint(1, ReadState.Failed);

        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[0], out double a, out _));
        Assert.Equal(5, a);
        Assert.Equal(ValueQuality.Stale, PointDecoder.Decode(frame, frame.Map.Points[1], out _, out _));
        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[2], out double c, out _));
        Assert.Equal(7, c);
    }

    [Fact]
    public void M2_IllegalAddress_MarksPointUnsupportedUntilReadAgain()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"a","address":1}"""));
        frame.Deliver(0, Holding, 1, new ushort[] { 5 }, 0, 1);

        frame.MarkPoint(0, ReadState.Unsupported);
        Assert.Equal(ValueQuality.Unsupported, PointDecoder.Decode(frame, frame.Map.Points[0], out _, out _));

        frame.Deliver(0, Holding, 1, new ushort[] { 6 }, 0, 1);
        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[0], out double v, out _));
        Assert.Equal(6, v);
    }

    [Fact]
    public void Deliver_OtherDeviceOrFunction_LeavesPointUntouched()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"a","address":1}"""));

        frame.Deliver(1, Holding, 1, new ushort[] { 5 }, 0, 1);
        frame.Deliver(0, FunctionCode.ReadInputRegisters, 1, new ushort[] { 5 }, 0, 1);

        Assert.Equal(ReadState.NotRead, frame.State(0));
    }

    [Fact]
    public void DeliverBits_CoilsAndDiscreteInputs_DecodeAsBools()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"relay","function":"coil","address":4}""", """{"name":"door","function":"discrete_input","address":4}"""));

        frame.DeliverBits(0, FunctionCode.ReadCoils, 3, new[] { false, true, false }, 0, 3);
        frame.DeliverBits(0, FunctionCode.ReadDiscreteInputs, 4, new[] { false }, 0, 1);

        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[0], out double relay, out _));
        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[1], out double door, out _));
        Assert.Equal((1.0, 0.0), (relay, door));
    }

    [Theory]
    [InlineData(0xFFFF, ValueQuality.Ok, "229.7")]
    [InlineData(0x0002, ValueQuality.Ok, "229700")]
    [InlineData(0x8000, ValueQuality.Sentinel, null)]
    [InlineData(11, ValueQuality.Invalid, null)]
    [InlineData(0xFFF5, ValueQuality.Invalid, null)]
    public void Decode_SunSpecScaleFactor_AppliesOrFlags(int sf, ValueQuality expected, string? text)
    {
        RegisterFrame frame = FrameFor(List("""{"name":"w","address":1,"scaleFactor":"w_sf"}""", """{"name":"w_sf","address":2,"type":"int16"}"""));
        frame.Deliver(0, Holding, 1, new ushort[] { 2297, (ushort)sf }, 0, 2);

        Assert.Equal(expected, PointDecoder.Decode(frame, frame.Map.Points[0], out double value, out _));
        if (text != null)
        {
            Assert.Equal(text, Text(value, 12));
        }
    }

    [Fact]
    public void Decode_ScaleFactorNotRead_MakesTheValueStale()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"w","address":1,"scaleFactor":"w_sf"}""", """{"name":"w_sf","address":20,"type":"int16"}"""));
        frame.Deliver(0, Holding, 1, new ushort[] { 2297 }, 0, 1);

        Assert.Equal(ValueQuality.Stale, PointDecoder.Decode(frame, frame.Map.Points[0], out _, out _));
    }

    [Fact]
    public void Decode_Uint64FaultWord_KeepsAllBitsInRaw()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"f","address":555,"type":"uint64","wordOrder":"CDAB"}"""));
        frame.Deliver(0, Holding, 555, new ushort[] { 0x1000, 0, 0, 0x8000 }, 0, 4);

        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[0], out _, out long raw));
        Assert.Equal(0x8000000000001000UL, (ulong)raw);
    }

    [Fact]
    public void ReadText_StringPoint_GivesTheSerial()
    {
        RegisterFrame frame = FrameFor(List("""{"name":"serial","address":3,"type":"string","count":5}"""));
        frame.Deliver(0, Holding, 3, new ushort[] { 0x3231, 0x3033, 0x3435, 0x3637, 0x3839 }, 0, 5);

        Assert.Equal(ValueQuality.Ok, PointDecoder.Decode(frame, frame.Map.Points[0], out _, out _));
        Assert.Equal("2103456789", frame.ReadText(frame.Map.Points[0]));
    }

    [Fact]
    public void DecodeCycle_AfterWarmUp_AllocatesNothing()
    {
        string[] points = Enumerable.Range(0, 200).Select(i => $$"""{"name":"p{{i}}","address":{{2 * i}},"type":"int32","scale":0.1,"sentinels":[2147483647]}""").ToArray();
        RegisterMap map = Load(With(points: List(points), computed: List("""{"name":"c1","op":"add","a":"p0","b":"p1"}""", """{"name":"c2","op":"negate","a":"c1"}""")));
        var frame = new RegisterFrame(map);
        var values = new DecodedValues(map);
        var words = new ushort[400];
        frame.Deliver(0, Holding, 0, words, 0, 400);
        PointDecoder.DecodeCycle(frame, values);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            frame.Deliver(0, Holding, 0, words, 0, 400);
            PointDecoder.DecodeCycle(frame, values);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.All(values.Quality, q => Assert.Equal(ValueQuality.Ok, q));
    }
}
