using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Tests.Fakes;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>Labels as an OEM writes them, and the gate a listener builds from one.</summary>
internal static class LabelSamples
{
    public const string ApKey = "label-wpa2-key-7Q4M";
    public const string Pop = "K7M2-X9P4-TR8W";

    public static DeviceLabel Label(string apKey = ApKey, string pop = Pop)
    {
        var label = new DeviceLabel();
        Assert.Null(label.Set(SettingFields.ApKey, apKey));
        Assert.Null(label.Set(SettingFields.ApPop, pop));
        return label;
    }

    public static byte[] Record(DeviceLabel label)
    {
        var buffer = new byte[LabelRecord.MaxLength];
        int length = LabelRecord.Encode(label, buffer, 0);
        Assert.True(length > 0);
        return buffer[..length];
    }

    /// <summary>The label as it is loaded from the flash (status Ok).</summary>
    public static DeviceLabel Loaded(string apKey = ApKey, string pop = Pop)
    {
        var store = new PowerCutFileStore();
        store.Put(DeviceLabel.FileName, Record(Label(apKey, pop)));
        return DeviceLabel.Load(store);
    }

    public static AuthGate Gate(VirtualClock clock, string pop = Pop) => new(Loaded(pop: pop), clock);
}
