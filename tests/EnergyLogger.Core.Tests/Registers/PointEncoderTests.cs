using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;
using EnergyLogger.Vectors;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Registers;

public class PointEncoderTests
{
    private const FunctionCode Holding = FunctionCode.ReadHoldingRegisters;

    private static PointDefinition Point(string json) => Load(With(points: List(json))).Points[0];

    /// <summary>Decodes the registers with the real decoder, through a map holding just this point.</summary>
    private static (PointDefinition Point, ValueQuality Quality, double Value) Decode(string pointJson, ushort[] words)
    {
        var frame = new RegisterFrame(Load(With(points: List(pointJson))));
        PointDefinition point = frame.Map.Points[0];
        frame.Deliver(0, Holding, point.Address, words, 0, words.Length);
        ValueQuality quality = PointDecoder.Decode(frame, point, out double value, out _);
        return (point, quality, value);
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

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Encode_DecodedGoldenVector_GivesBackTheSameRegisters(int i)
    {
        ushort[] original = DecodeVectors.Words[i];
        (PointDefinition point, ValueQuality quality, double value) = Decode(PointJsonOf(i), original);
        if (quality != ValueQuality.Ok || point.Type == RegisterType.String || point.ScaleFactorPoint >= 0)
        {
            return;
        }

        // The current registers go in first, so bits outside a field or byte are kept as the device had them.
        ushort[] words = (ushort[])original.Clone();
        EncodeStatus status = PointEncoder.Encode(point, value, nearestStep: false, words, 0);

        Assert.Equal(EncodeStatus.Ok, status);
        Assert.Equal(value, Decode(PointJsonOf(i), words).Value);

        // A bool register reads every non-zero word as true, so only there can the words differ.
        if (point.Type != RegisterType.Bool || point.Mask != 0)
        {
            Assert.Equal(original, words);
        }
    }

    private static string PointJsonOf(int i) => "{\"name\":\"p\",\"address\":" + DecodeVectors.Address + "," + DecodeVectors.Point[i] + "}";

    [Fact]
    public void Encode_ScaledInt16Negative_WritesTwosComplementSteps()
    {
        PointDefinition point = Point("""{"name":"p","address":1,"type":"int16","scale":0.01}""");
        var words = new ushort[1];

        Assert.Equal(EncodeStatus.Ok, PointEncoder.Encode(point, -28.66, false, words, 0));
        Assert.Equal(unchecked((ushort)-2866), words[0]);
    }

    [Fact]
    public void Encode_UInt32LowWordFirstWithOffset_UndoesOffsetThenScale()
    {
        PointDefinition point = Point("""{"name":"p","address":1,"type":"uint32","wordOrder":"CDAB","scale":0.1,"offset":-100}""");
        var words = new ushort[2];

        Assert.Equal(EncodeStatus.Ok, PointEncoder.Encode(point, 6453.6, false, words, 0));

        // (6453.6 + 100) / 0.1 = 65536 = 0x0001_0000: low word first.
        Assert.Equal(new ushort[] { 0x0000, 0x0001 }, words);
    }

    [Fact]
    public void Encode_ValueBetweenSteps_RefusedUnlessNearestStepAsked()
    {
        PointDefinition point = Point("""{"name":"p","address":1,"scale":0.1}""");
        var words = new ushort[] { 7 };

        Assert.Equal(EncodeStatus.NotInteger, PointEncoder.Encode(point, 12.35, false, words, 0));
        Assert.Equal((ushort)7, words[0]);
        Assert.Equal(EncodeStatus.Ok, PointEncoder.Encode(point, 12.34, true, words, 0));
        Assert.Equal((ushort)123, words[0]);
    }

    [Fact]
    public void Encode_BitField_ChangesOnlyItsBits()
    {
        PointDefinition point = Point("""{"name":"p","address":1,"mask":"0x00F0"}""");
        var words = new ushort[] { 0xA50F };

        Assert.Equal(EncodeStatus.Ok, PointEncoder.Encode(point, 0x3, false, words, 0));
        Assert.Equal((ushort)0xA53F, words[0]);
        Assert.Equal(EncodeStatus.OutOfRange, PointEncoder.Encode(point, 0x10, false, words, 0));
        Assert.Equal((ushort)0xA53F, words[0]);
    }

    [Fact]
    public void Encode_OutsideTheType_IsRefusedAndWritesNothing()
    {
        PointDefinition point = Point("""{"name":"p","address":1,"type":"uint16"}""");
        var words = new ushort[] { 9 };

        Assert.Equal(EncodeStatus.OutOfRange, PointEncoder.Encode(point, -1, false, words, 0));
        Assert.Equal(EncodeStatus.OutOfRange, PointEncoder.Encode(point, 65536, false, words, 0));
        Assert.Equal(EncodeStatus.OutOfRange, PointEncoder.Encode(point, double.NaN, true, words, 0));
        Assert.Equal((ushort)9, words[0]);
    }

    [Fact]
    public void Encode_StringOrSunSpecScale_IsRefusedWithItsReason()
    {
        RegisterMap map = Load(With(points: List(
            """{"name":"text","address":1,"type":"string","count":4}""",
            """{"name":"sf","address":9,"type":"int16"}""",
            """{"name":"v","address":8,"scaleFactor":"sf"}""")));
        var words = new ushort[4];

        Assert.Equal(EncodeStatus.WrongType, PointEncoder.Encode(map.Points[0], 1, false, words, 0));
        Assert.Equal(EncodeStatus.NeedsScaleFactor, PointEncoder.Encode(map.Points[2], 1, false, words, 0));
    }
}
