using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class LabelRecordTests
{
    public static TheoryData<int> GoldenRecords => new(Enumerable.Range(0, LabelVectors.Record.Length));

    [Theory]
    [MemberData(nameof(GoldenRecords))]
    public void Decode_GoldenRecord_GivesItsStatusAndValues(int i)
    {
        byte[] record = LabelVectors.Record[i];

        RecordStatus status = LabelRecord.Decode(record, 0, record.Length, out DeviceLabel? label);

        Assert.Equal(LabelVectors.Status[i], RecordStatusText.Of(status));
        Assert.Equal((LabelVectors.ApKey[i], LabelVectors.Pop[i]), (label?.ApKey, label?.Pop));
    }

    [Fact]
    public void EncodeDecode_BothFields_RoundTrip()
    {
        byte[] record = LabelSamples.Record(LabelSamples.Label());

        Assert.Equal(RecordStatus.Ok, LabelRecord.Decode(record, 0, record.Length, out DeviceLabel? label));
        Assert.Equal((LabelSamples.ApKey, LabelSamples.Pop), (label!.ApKey, label.Pop));
    }

    [Fact]
    public void Encode_FieldsNotSet_AreLeftOutAndDecodeEmpty()
    {
        byte[] record = LabelSamples.Record(LabelSamples.Label(apKey: ""));

        Assert.Equal(7 + 3 + LabelSamples.Pop.Length + 4, record.Length);
        Assert.Equal(RecordStatus.Ok, LabelRecord.Decode(record, 0, record.Length, out DeviceLabel? label));
        Assert.Equal(("", LabelSamples.Pop), (label!.ApKey, label.Pop));
    }

    [Fact]
    public void Decode_EveryBitFlip_IsRefused()
    {
        byte[] record = LabelSamples.Record(LabelSamples.Label());
        for (int bit = 0; bit < record.Length * 8; bit++)
        {
            byte[] flipped = (byte[])record.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.NotEqual(RecordStatus.Ok, LabelRecord.Decode(flipped, 0, flipped.Length, out DeviceLabel? label));
            Assert.Null(label);
        }
    }

    [Fact]
    public void Decode_EveryTruncation_IsRefused()
    {
        byte[] record = LabelSamples.Record(LabelSamples.Label());
        for (int length = 0; length < record.Length; length++)
        {
            Assert.NotEqual(RecordStatus.Ok, LabelRecord.Decode(record, 0, length, out _));
        }
    }

    [Fact]
    public void Decode_SettingsRecord_IsBadMagic()
    {
        var buffer = new byte[SettingsRecord.MaxLength];
        int length = SettingsRecord.Encode(SettingsSamples.Complete(), 1, buffer, 0);

        Assert.Equal(RecordStatus.BadMagic, LabelRecord.Decode(buffer, 0, length, out _));
    }

    public static TheoryData<string, string, string?> Values => new()
    {
        { "ap.key", "", null },
        { "ap.key", "12345678", null },
        { "ap.key", new string('k', 63), null },
        { "ap.key", "1234567", "must be 8 to 63 printable ASCII characters" },
        { "ap.key", new string('a', 64), "must be 8 to 63 printable ASCII characters" },
        { "ap.key", "schl\u00fcssel-99", "must be 8 to 63 printable ASCII characters" },
        { "ap.pop", "", null },
        { "ap.pop", "ABCD2345", null },
        { "ap.pop", new string('P', 64), null },
        { "ap.pop", "ABC2345", "must be 8 to 64 characters" },
        { "ap.pop", new string('P', 65), "must be 8 to 64 characters" },
        { "ap.pop", "ABCD 2345", "only printable ASCII without spaces" },
        { "ap.pop", "ABCD\u00e92345", "only printable ASCII without spaces" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Set_LabelField_CheckedByItsRule(string name, string value, string? reason)
    {
        Assert.Equal(reason, new DeviceLabel().Set(SettingFields.FindLabel(name)!, value));
    }

    [Fact]
    public void Decode_ValueItsRuleRefuses_IsInvalidValue()
    {
        // A space put into the code, and the CRC made right again.
        byte[] record = LabelSamples.Record(LabelSamples.Label(pop: "ABCDEFGH"));
        record[^8] = (byte)' ';
        FixCrc(record);

        Assert.Equal(RecordStatus.InvalidValue, LabelRecord.Decode(record, 0, record.Length, out _));
    }

    [Fact]
    public void Decode_UnknownTag_IsSkipped()
    {
        byte[] known = LabelSamples.Record(LabelSamples.Label(apKey: ""));
        // Tag 9 with "xy" inserted before the code's entry.
        byte[] record = [.. known[..7], 9, 0, 2, (byte)'x', (byte)'y', .. known[7..^4], 0, 0, 0, 0];
        record[6] += 5;
        FixCrc(record);

        Assert.Equal(RecordStatus.Ok, LabelRecord.Decode(record, 0, record.Length, out DeviceLabel? label));
        Assert.Equal(LabelSamples.Pop, label!.Pop);
    }

    [Fact]
    public void Load_NoFile_IsNoneAndAsksForNothing()
    {
        DeviceLabel label = DeviceLabel.Load(new PowerCutFileStore());

        Assert.Equal(LabelStatus.None, label.Status);
        Assert.Equal(("", ""), (label.ApKey, label.Pop));
    }

    [Theory]
    [InlineData(new byte[0], RecordStatus.Empty)]
    [InlineData(new byte[] { (byte)'E', (byte)'L', (byte)'S', (byte)'R', 1, 0, 0 }, RecordStatus.BadMagic)]
    public void Load_BadFile_IsUnreadableWithTheReason(byte[] content, RecordStatus problem)
    {
        var store = new PowerCutFileStore();
        store.Put(DeviceLabel.FileName, content);

        DeviceLabel label = DeviceLabel.Load(store);

        Assert.Equal((LabelStatus.Unreadable, problem), (label.Status, label.Problem));
        Assert.Equal(("", ""), (label.ApKey, label.Pop));
    }

    [Fact]
    public void Load_FileLargerThanAnyLabel_IsUnreadable()
    {
        var store = new PowerCutFileStore();
        store.Put(DeviceLabel.FileName, new byte[LabelRecord.MaxLength + 1]);

        Assert.Equal(LabelStatus.Unreadable, DeviceLabel.Load(store).Status);
    }

    [Fact]
    public void Load_GoodFile_IsOk()
    {
        DeviceLabel label = LabelSamples.Loaded();

        Assert.Equal(LabelStatus.Ok, label.Status);
        Assert.Equal((LabelSamples.ApKey, LabelSamples.Pop), (label.ApKey, label.Pop));
    }

    private static void FixCrc(byte[] record)
    {
        uint crc = Ports.Crc32.Compute(record, 0, record.Length - 4);
        record[^4] = (byte)(crc >> 24);
        record[^3] = (byte)(crc >> 16);
        record[^2] = (byte)(crc >> 8);
        record[^1] = (byte)crc;
    }
}
