using System.Buffers.Binary;
using System.Text;
using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class SettingsRecordTests
{
    private static byte[] Encode(DeviceSettings settings, uint sequence = 7)
    {
        var buffer = new byte[SettingsRecord.MaxLength];
        int length = SettingsRecord.Encode(settings, sequence, buffer, 0);
        Assert.True(length > 0);
        return buffer[..length];
    }

    private static RecordStatus Decode(byte[] record) => SettingsRecord.Decode(record, 0, record.Length, out _, out _);

    /// <summary>Puts a fresh CRC on a record edited by a test, so only the edit is under test.</summary>
    private static byte[] Reseal(byte[] record)
    {
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(9), (ushort)(record.Length - 15));
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(record.Length - 4), Crc32.Compute(record, 0, record.Length - 4));
        return record;
    }

    private static byte[] Entry(byte tag, string text)
    {
        byte[] value = Encoding.UTF8.GetBytes(text);
        return [tag, (byte)(value.Length >> 8), (byte)value.Length, .. value];
    }

    /// <summary>The record with extra entries spliced in before the CRC.</summary>
    private static byte[] WithEntries(byte[] record, params byte[][] entries) =>
        Reseal([.. record[..^4], .. entries.SelectMany(e => e), 0, 0, 0, 0]);

    [Fact]
    public void Encode_Header_IsMagicVersionSequenceLength()
    {
        byte[] record = Encode(new DeviceSettings(), sequence: 0x01020304);

        Assert.Equal("ELSR"u8.ToArray(), record[..4]);
        Assert.Equal(SettingsRecord.Version, record[4]);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, record[5..9]);
        Assert.Equal(record.Length - 15, BinaryPrimitives.ReadUInt16BigEndian(record.AsSpan(9)));
        Assert.Equal(Crc32.Compute(record, 0, record.Length - 4), BinaryPrimitives.ReadUInt32BigEndian(record.AsSpan(record.Length - 4)));

        // The first entry: wifi.ssid (tag 1), not set.
        Assert.Equal(new byte[] { 1, 0, 0 }, record[11..14]);
    }

    [Fact]
    public void Decode_EncodedSettings_RoundTripsEveryField()
    {
        DeviceSettings settings = SettingsSamples.Complete();
        SettingsSamples.Set(settings, SettingFields.WifiSsid, "Café 😀");
        SettingsSamples.Set(settings, SettingFields.MqttCa, SettingsSamples.CaPem);
        SettingsSamples.Set(settings, SettingFields.SerialParity, "even");
        SettingsSamples.Set(settings, SettingFields.WatchdogGpio, "12");
        byte[] record = Encode(settings, sequence: 42);

        Assert.Equal(RecordStatus.Ok, SettingsRecord.Decode(record, 0, record.Length, out DeviceSettings? decoded, out uint sequence));
        Assert.True(decoded!.SameAs(settings));
        Assert.Equal(42u, sequence);
    }

    [Fact]
    public void Encode_EveryFieldAtItsLongest_FitsMaxLength()
    {
        var settings = new DeviceSettings();
        SettingsSamples.Set(settings, SettingFields.WifiSsid, string.Concat(Enumerable.Repeat("😀", 8)));
        SettingsSamples.Set(settings, SettingFields.WifiKey, new string('f', 64));
        SettingsSamples.Set(settings, SettingFields.MqttHost, string.Join('.', Enumerable.Repeat(new string('h', 63), 4))[..253]);
        SettingsSamples.Set(settings, SettingFields.MqttUsername, string.Concat(Enumerable.Repeat("€", 42)));
        SettingsSamples.Set(settings, SettingFields.MqttPassword, new string('p', 128));
        string chain = SettingsSamples.CaPem;
        while (chain.Length + SettingsSamples.CaPem.Length <= SettingsLimits.CaPemBytes)
        {
            chain += SettingsSamples.CaPem;
        }

        SettingsSamples.Set(settings, SettingFields.MqttCa, chain);
        SettingsSamples.Set(settings, SettingFields.KaaToken, new string('t', 128));
        SettingsSamples.Set(settings, SettingFields.KaaApp, new string('a', 128));
        SettingsSamples.Set(settings, SettingFields.MqttPrefix, new string('p', 128));

        byte[] record = Encode(settings);

        Assert.Equal(RecordStatus.Ok, Decode(record));
    }

    [Fact]
    public void Encode_BufferTooShort_ReturnsMinusOne()
    {
        Assert.Equal(-1, SettingsRecord.Encode(SettingsSamples.Complete(), 1, new byte[40], 0));
    }

    [Fact]
    public void Decode_EveryFlippedBit_IsRefusedNeverThrows()
    {
        byte[] good = Encode(SettingsSamples.Complete());
        for (int bit = 0; bit < good.Length * 8; bit++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.NotEqual(RecordStatus.Ok, Decode(bad));
        }
    }

    [Fact]
    public void Decode_EveryTruncation_IsRefused()
    {
        byte[] good = Encode(SettingsSamples.Complete());
        for (int length = 0; length < good.Length; length++)
        {
            RecordStatus status = SettingsRecord.Decode(good, 0, length, out DeviceSettings? settings, out _);

            Assert.Equal(length == 0 ? RecordStatus.Empty : RecordStatus.Truncated, status);
            Assert.Null(settings);
        }
    }

    public static TheoryData<string, byte[], RecordStatus> Damaged()
    {
        byte[] good = Encode(SettingsSamples.Complete());
        byte[] version2 = (byte[])good.Clone();
        version2[4] = 2;
        return new TheoryData<string, byte[], RecordStatus>
        {
            { "not a record", "{\"wifi\":1}"u8.ToArray(), RecordStatus.BadMagic },
            { "newer layout", Reseal(version2), RecordStatus.UnknownVersion },
            { "trailing bytes", [.. good, 0], RecordStatus.Malformed },
            { "duplicate tag", WithEntries(good, Entry(1, "Other")), RecordStatus.Malformed },
            { "entry overruns", WithEntries(good, [3, 0, 200, 65]), RecordStatus.Malformed },
            { "value refused by its rule", WithEntries(good[..11].Concat(good[^4..]).ToArray(), Entry(4, "0")), RecordStatus.InvalidValue },
            { "value not UTF-8", WithEntries(good[..11].Concat(good[^4..]).ToArray(), [1, 0, 2, 0xC3, 0x28]), RecordStatus.InvalidValue },
        };
    }

    [Theory]
    [MemberData(nameof(Damaged))]
    public void Decode_DamagedRecord_SaysWhat(string what, byte[] record, RecordStatus expected)
    {
        Assert.True(expected == Decode(record), what);
    }

    [Fact]
    public void Decode_UnknownTagFromNewerFirmware_IsSkipped()
    {
        DeviceSettings settings = SettingsSamples.Complete();
        byte[] record = WithEntries(Encode(settings), Entry(200, "a future setting"));

        Assert.Equal(RecordStatus.Ok, SettingsRecord.Decode(record, 0, record.Length, out DeviceSettings? decoded, out _));
        Assert.True(decoded!.SameAs(settings));
    }

    [Fact]
    public void Decode_FieldMissingFromRecord_TakesItsDefault()
    {
        // Only the header and wifi.ssid: a record from firmware that knew fewer fields.
        byte[] good = Encode(new DeviceSettings());
        byte[] record = WithEntries([.. good[..11], 0, 0, 0, 0], Entry(1, "Old Net"));

        Assert.Equal(RecordStatus.Ok, SettingsRecord.Decode(record, 0, record.Length, out DeviceSettings? decoded, out _));
        Assert.Equal("Old Net", decoded!.WifiSsid);
        Assert.Equal(8883, decoded.MqttPort);
    }
}
