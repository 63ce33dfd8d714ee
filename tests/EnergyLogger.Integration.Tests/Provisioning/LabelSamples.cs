using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Integration.Tests.Provisioning;

/// <summary>A device label as the OEM writes it.</summary>
internal static class LabelSamples
{
    public const string ApKey = "socket-ap-key-2468";
    public const string Pop = "Q7WX-4M2K-P9TR";

    public static DeviceLabel Label(string apKey = ApKey, string pop = Pop)
    {
        var label = new DeviceLabel();
        if (label.Set(SettingFields.ApKey, apKey) is not null || label.Set(SettingFields.ApPop, pop) is not null)
        {
            throw new ArgumentException("a label the rules refuse");
        }

        return label;
    }

    public static byte[] Record(DeviceLabel label)
    {
        var buffer = new byte[LabelRecord.MaxLength];
        return buffer[..LabelRecord.Encode(label, buffer, 0)];
    }

    /// <summary>The label as a device loads it from its flash.</summary>
    public static DeviceLabel Loaded(string apKey = ApKey, string pop = Pop)
    {
        DeviceLabel label;
        string dir = Path.Combine(Path.GetTempPath(), "el-label-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var store = new Host.Storage.DirectoryFileStore(dir);
            byte[] record = Record(Label(apKey, pop));
            store.Replace(DeviceLabel.FileName, record, 0, record.Length);
            label = DeviceLabel.Load(store);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return label;
    }
}
