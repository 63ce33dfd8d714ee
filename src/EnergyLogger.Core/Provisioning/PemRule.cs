using System.Text;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// The broker's CA certificate(s) in PEM (RFC 7468): one or more CERTIFICATE blocks of base64 whose
    /// content starts as a DER SEQUENCE (RFC 5280, 4.1; X.690, 8.9). Text outside the blocks is allowed
    /// by RFC 7468, 2 and dropped from the stored form. Any other label is refused, so a private key
    /// pasted by mistake never reaches flash.
    /// </summary>
    public sealed class PemRule : FieldRule
    {
        public const string BeginLine = "-----BEGIN CERTIFICATE-----";
        public const string EndLine = "-----END CERTIFICATE-----";
        private const byte DerSequence = 0x30;

        private readonly int _maxBytes;

        public PemRule(int maxBytes)
        {
            _maxBytes = maxBytes;
        }

        public override string Check(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            int count;
            return text.Length > _maxBytes ? "longer than " + _maxBytes.ToString() + " bytes" : Scan(text, null, out count);
        }

        public override string Canonical(string text)
        {
            if (text.Length == 0)
            {
                return text;
            }

            var canonical = new StringBuilder(text.Length);
            int count;
            Scan(text, canonical, out count);
            return canonical.ToString();
        }

        /// <summary>Certificates in a text that passed <see cref="Check"/>.</summary>
        public static int CountCertificates(string text)
        {
            int count = 0;
            int at = text.IndexOf(BeginLine);
            while (at >= 0)
            {
                count++;
                int next = at + BeginLine.Length;
                at = next < text.Length ? text.IndexOf(BeginLine, next) : -1;
            }

            return count;
        }

        private static string Scan(string text, StringBuilder canonical, out int count)
        {
            count = 0;
            var body = new Base64Body();
            bool inside = false;
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0)
                {
                    end = text.Length;
                }

                int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
                string line = text.Substring(start, stop - start);
                start = end + 1;
                string reason = inside ? InsideLine(line, body, canonical, ref inside, ref count) : OutsideLine(line, body, canonical, ref inside);
                if (reason != null)
                {
                    return reason;
                }
            }

            if (inside)
            {
                return "a certificate has no " + EndLine + " line";
            }

            return count == 0 ? "no " + BeginLine + " block" : null;
        }

        private static string OutsideLine(string line, Base64Body body, StringBuilder canonical, ref bool inside)
        {
            if (line == BeginLine)
            {
                inside = true;
                body.Reset();
                Append(canonical, line);
                return null;
            }

            return line.StartsWith("-----BEGIN ") ? "only CERTIFICATE blocks are accepted" : null;
        }

        private static string InsideLine(string line, Base64Body body, StringBuilder canonical, ref bool inside, ref int count)
        {
            if (line == EndLine)
            {
                string reason = body.Finish();
                if (reason == null)
                {
                    inside = false;
                    count++;
                    Append(canonical, line);
                }

                return reason;
            }

            if (line.StartsWith("-----"))
            {
                return "a certificate has no " + EndLine + " line";
            }

            Append(canonical, line);
            return body.Add(line);
        }

        private static void Append(StringBuilder canonical, string line)
        {
            if (canonical != null)
            {
                canonical.Append(line);
                canonical.Append('\n');
            }
        }

        /// <summary>Checks the base64 of one block as it arrives (RFC 4648, 4), keeping only what is needed.</summary>
        private sealed class Base64Body
        {
            private int _length;
            private int _padding;
            private int _first;
            private int _second;

            public void Reset()
            {
                _length = 0;
                _padding = 0;
            }

            public string Add(string line)
            {
                for (int i = 0; i < line.Length; i++)
                {
                    char c = line[i];
                    if (c == '=')
                    {
                        _padding++;
                    }
                    else if (_padding > 0 || Value(c) < 0)
                    {
                        return _padding > 0 ? "base64 continues after its '=' padding" : "a certificate line holds a character that is not base64";
                    }
                    else if (_length == 0)
                    {
                        _first = Value(c);
                    }
                    else if (_length == 1)
                    {
                        _second = Value(c);
                    }

                    _length++;
                }

                return null;
            }

            public string Finish()
            {
                if (_length == 0 || _length % 4 != 0 || _padding > 2)
                {
                    return "a certificate's base64 is cut short";
                }

                int firstByte = (_first << 2) | (_second >> 4);
                return firstByte == DerSequence ? null : "a certificate's content is not DER";
            }

            private static int Value(char c)
            {
                if (c >= 'A' && c <= 'Z')
                {
                    return c - 'A';
                }

                if (c >= 'a' && c <= 'z')
                {
                    return c - 'a' + 26;
                }

                if (c >= '0' && c <= '9')
                {
                    return c - '0' + 52;
                }

                return c == '+' ? 62 : c == '/' ? 63 : -1;
            }
        }
    }
}
