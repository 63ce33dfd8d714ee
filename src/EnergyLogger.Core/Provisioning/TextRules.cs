namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// Free text measured in UTF-8 bytes, without control characters (they cannot travel in a protocol
    /// line, and no broker or access point needs them). Empty means "not set".
    /// </summary>
    public class TextRule : FieldRule
    {
        private readonly int _maxBytes;

        public TextRule(int maxBytes)
        {
            _maxBytes = maxBytes;
        }

        public override string Check(string text)
        {
            if (HasControlCharacter(text))
            {
                return "control characters are not allowed";
            }

            return Utf8Length(text) > _maxBytes ? "longer than " + _maxBytes.ToString() + " bytes" : null;
        }

        /// <summary>Bytes the text takes in UTF-8; a surrogate pair is one 4-byte sequence (RFC 3629, 3).</summary>
        public static int Utf8Length(string text)
        {
            int bytes = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x80)
                {
                    bytes += 1;
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length)
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    bytes += 3;
                }
            }

            return bytes;
        }

        public static bool HasControlCharacter(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < 0x20 || text[i] == 0x7F)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// The WPA2-Personal key: empty for an open network, a passphrase of 8 to 63 printable ASCII
    /// characters, or the 256-bit PSK as 64 hex digits (IEEE 802.11-2016, J.4.1).
    /// </summary>
    public sealed class WpaKeyRule : FieldRule
    {
        public override string Check(string text)
        {
            if (text.Length == 0 || (text.Length == 64 && IsHex(text)))
            {
                return null;
            }

            if (text.Length < 8 || text.Length > 63 || !IsPrintableAscii(text))
            {
                return "must be 8 to 63 printable ASCII characters, 64 hex digits, or cleared for an open network";
            }

            return null;
        }

        /// <summary>Every character from space to tilde (0x20 to 0x7E).</summary>
        internal static bool IsPrintableAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < 0x20 || text[i] > 0x7E)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsHex(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// One MQTT topic level (the Kaa endpoint token, the application version): printable ASCII without
    /// spaces, without the level separator '/' and without the wildcards '+' and '#' (MQTT 3.1.1, 4.7.1),
    /// because Kaa 1/KP puts both straight into the topic.
    /// </summary>
    public sealed class TopicLevelRule : FieldRule
    {
        private readonly int _maxLength;

        public TopicLevelRule(int maxLength)
        {
            _maxLength = maxLength;
        }

        public override string Check(string text)
        {
            if (text.Length > _maxLength)
            {
                return "longer than " + _maxLength.ToString() + " characters";
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c <= 0x20 || c >= 0x7F || c == '/' || c == '+' || c == '#')
                {
                    return "only printable ASCII without spaces, '/', '+' or '#'";
                }
            }

            return null;
        }
    }

    /// <summary>
    /// The topic prefix of custom-MQTT mode: a topic name without wildcards (MQTT 3.1.1, 4.7.1), not
    /// starting with '$' (reserved for the broker, 4.7.2), with no empty level, since the device appends
    /// "/telemetry" and friends to it.
    /// </summary>
    public sealed class TopicPrefixRule : TextRule
    {
        public TopicPrefixRule(int maxBytes)
            : base(maxBytes)
        {
        }

        public override string Check(string text)
        {
            string reason = base.Check(text);
            if (reason != null || text.Length == 0)
            {
                return reason;
            }

            if (text.IndexOf('+') >= 0 || text.IndexOf('#') >= 0)
            {
                return "wildcards '+' and '#' are not allowed in a topic";
            }

            if (text[0] == '$')
            {
                return "topics starting with '$' belong to the broker";
            }

            if (text[0] == '/' || text[text.Length - 1] == '/' || text.IndexOf("//") >= 0)
            {
                return "no empty topic level (leading, trailing or double '/')";
            }

            return null;
        }
    }
}
