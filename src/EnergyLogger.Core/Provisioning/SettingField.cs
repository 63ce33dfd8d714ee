using System;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>How a setting is handled beyond its rule.</summary>
    [Flags]
    public enum FieldFlags
    {
        None = 0,
        /// <summary>Never shown, echoed or logged: status says only whether it is set.</summary>
        Secret = 1,
        /// <summary>Wiped by a factory reset.</summary>
        Credential = 2,
        /// <summary>Multi-line; sent as a <c>ca begin</c> ... <c>ca end</c> block, not with <c>set</c>.</summary>
        Block = 4,
        /// <summary>Printed on the device's label and given at production (<see cref="DeviceLabel"/>); never set over port 4242 or by the cloud.</summary>
        Label = 8,
    }

    /// <summary>
    /// One row of the settings table: the protocol name, the record tag, the rule and the default.
    /// The tag is the field's identity in stored records and never changes once released.
    /// </summary>
    public sealed class SettingField
    {
        public SettingField(int index, byte tag, string name, FieldRule rule, string defaultText, FieldFlags flags)
        {
            Index = index;
            Tag = tag;
            Name = name;
            Rule = rule;
            DefaultText = defaultText;
            Flags = flags;
        }

        /// <summary>Position in <see cref="SettingFields.All"/>, or in <see cref="SettingFields.Label"/> for a label field.</summary>
        public int Index { get; }

        public byte Tag { get; }

        /// <summary>The name used on port 4242, e.g. <c>wifi.ssid</c>.</summary>
        public string Name { get; }

        public FieldRule Rule { get; }

        /// <summary>The value of a fresh device and of <c>clear</c>; empty means "not set".</summary>
        public string DefaultText { get; }

        public FieldFlags Flags { get; }

        public bool IsSecret => (Flags & FieldFlags.Secret) != 0;

        public bool IsCredential => (Flags & FieldFlags.Credential) != 0;

        public bool IsBlock => (Flags & FieldFlags.Block) != 0;

        public bool IsLabel => (Flags & FieldFlags.Label) != 0;
    }
}
