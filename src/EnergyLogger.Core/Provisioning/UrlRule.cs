namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// A server's base URL, <c>http://HOST[:PORT][/PATH]</c> or <c>https://...</c>, as the InfluxDB writer takes it (RFC 3986,
    /// 3: scheme, authority, path); the host as <see cref="HostRule"/> checks it, the port 1 to 65535. No user
    /// information in it: credentials have settings of their own, which status never shows.
    /// </summary>
    public sealed class UrlRule : FieldRule
    {
        public const int MaxLength = 256;

        private static readonly HostRule Host = new HostRule();

        public override string Check(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            if (text.Length > MaxLength)
            {
                return "longer than 256 characters";
            }

            int start = text.StartsWith("http://") ? 7 : text.StartsWith("https://") ? 8 : -1;
            if (start < 0)
            {
                return "an http:// or https:// URL";
            }

            if (text.IndexOf('@') >= 0 || text.IndexOf('?') >= 0 || text.IndexOf('#') >= 0)
            {
                return "only scheme, host, port and path";
            }

            int end = start;
            while (end < text.Length && text[end] != '/' && text[end] != ':')
            {
                end++;
            }

            string host = text.Substring(start, end - start);
            string reason = host.Length == 0 ? "no host" : Host.Check(host);
            if (reason != null)
            {
                return "host: " + reason;
            }

            if (end < text.Length && text[end] == ':')
            {
                int portEnd = text.IndexOf('/', end);
                string port = portEnd < 0 ? text.Substring(end + 1) : text.Substring(end + 1, portEnd - end - 1);
                if (IntRangeRule.Parse(port, 1, 65535) < 0)
                {
                    return "port: an integer from 1 to 65535";
                }
            }

            return null;
        }
    }
}
