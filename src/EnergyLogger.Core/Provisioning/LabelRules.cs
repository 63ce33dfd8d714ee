namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The access point's key: empty for an open access point, or a WPA2-PSK passphrase of 8 to 63 printable ASCII
    /// characters (IEEE 802.11-2016, J.4.1). The soft-AP of the ESP32 takes the passphrase form only.
    /// </summary>
    public sealed class ApKeyRule : FieldRule
    {
        public const int MinLength = 8;
        public const int MaxLength = 63;

        public override string Check(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            bool fits = text.Length >= MinLength && text.Length <= MaxLength && WpaKeyRule.IsPrintableAscii(text);
            return fits ? null : "must be 8 to 63 printable ASCII characters";
        }
    }

    /// <summary>
    /// The proof-of-possession code: empty for none, or 8 to 64 printable ASCII characters without spaces, so that
    /// <c>auth CODE</c> is one word whatever the terminal does with trailing blanks. Eight characters of the label
    /// alphabet (docs/provisioning.md) are 40 bits; at five tries per five minutes that outlasts the device.
    /// </summary>
    public sealed class CodeRule : FieldRule
    {
        public const int MinLength = 8;
        public const int MaxLength = 64;

        public override string Check(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (text.Length < MinLength || text.Length > MaxLength)
            {
                return "must be 8 to 64 characters";
            }

            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] <= 0x20 || text[i] >= 0x7F)
                {
                    return "only printable ASCII without spaces";
                }
            }

            return null;
        }
    }
}
