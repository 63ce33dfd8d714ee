namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// A broker address: an IPv4 address in dotted decimal or a DNS host name of letters, digits and
    /// hyphens, labels of 1 to 63 characters that neither start nor end with a hyphen, 253 characters in
    /// all (RFC 1035, 2.3.4; RFC 1123, 2.1). A name whose last label is numeric is read as an address,
    /// since top-level domains are alphabetic (RFC 1123, 2.1).
    /// </summary>
    public sealed class HostRule : FieldRule
    {
        public const int MaxLength = 253;
        private const int MaxLabel = 63;

        public override string Check(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (text.Length > MaxLength)
            {
                return "longer than 253 characters";
            }

            int lastDot = text.LastIndexOf('.');
            if (IsDigits(text, lastDot + 1, text.Length))
            {
                return IsIpv4(text) ? null : "not a valid IPv4 address";
            }

            int start = 0;
            while (start <= text.Length)
            {
                int end = EndOfPart(text, start);
                string reason = CheckLabel(text, start, end);
                if (reason != null)
                {
                    return reason;
                }

                start = end + 1;
            }

            return null;
        }

        private static string CheckLabel(string text, int start, int end)
        {
            int length = end - start;
            if (length == 0 || length > MaxLabel)
            {
                return "each name part must be 1 to 63 characters";
            }

            if (text[start] == '-' || text[end - 1] == '-')
            {
                return "a name part cannot start or end with '-'";
            }

            for (int i = start; i < end; i++)
            {
                char c = text[i];
                bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!allowed)
                {
                    return "only letters, digits, '-' and '.' are allowed in a host name";
                }
            }

            return null;
        }

        private static bool IsIpv4(string text)
        {
            int parts = 0;
            int start = 0;
            while (start <= text.Length)
            {
                int end = EndOfPart(text, start);

                // No leading zeros: "010" reads as octal in some resolvers and as decimal in others.
                int length = end - start;
                if (length == 0 || length > 3 || !IsDigits(text, start, end) || (length > 1 && text[start] == '0'))
                {
                    return false;
                }

                if (int.Parse(text.Substring(start, length)) > 255)
                {
                    return false;
                }

                parts++;
                start = end + 1;
            }

            return parts == 4;
        }

        /// <summary>Index of the dot ending the part that starts at <paramref name="start"/>, or the text length.</summary>
        private static int EndOfPart(string text, int start)
        {
            int dot = start < text.Length ? text.IndexOf('.', start) : -1;
            return dot < 0 ? text.Length : dot;
        }

        private static bool IsDigits(string text, int start, int end)
        {
            if (start >= end)
            {
                return false;
            }

            for (int i = start; i < end; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
