namespace EnergyLogger.Core.Cloud
{
    /// <summary>Which answer a KP topic carries. Kaa 1/KP (RFC 1): a reply goes to the request topic plus /status or /error.</summary>
    public enum KaaReply
    {
        None,
        Status,
        Error,
    }

    /// <summary>A parsed KP topic: <c>kp1/{appVersion}/{extension}/{token}/{path}[/{requestId}][/status|/error]</c>.</summary>
    public sealed class KaaTopic
    {
        public string Extension;
        public string Token;

        /// <summary>The resource path without request id and reply suffix, e.g. <c>config/json</c>, <c>command/reboot</c>.</summary>
        public string Path;

        /// <summary>The request id, or 0 for a server push (observe) or an unnumbered request.</summary>
        public int RequestId;

        public KaaReply Reply;
    }

    /// <summary>
    /// Builds and parses Kaa 1/KP topics for one application version (reference A.1, A.3). Topics are case and
    /// slash sensitive: no leading or trailing slash is ever written (RFC 1 note).
    /// </summary>
    public sealed class KaaTopics
    {
        public const string Dcx = "dcx";
        public const string Epmx = "epmx";
        public const string Cmx = "cmx";
        public const string Cex = "cex";
        public const string CmxOta = "cmx_ota";

        private const int MaxRequestId = 65535;

        private readonly string _prefix;

        public KaaTopics(string appVersion)
        {
            AppVersion = appVersion;
            _prefix = "kp1/" + appVersion + "/";
        }

        public string AppVersion { get; }

        /// <summary><c>kp1/{v}/{extension}/{token}/{path}</c>, plus <c>/{requestId}</c> when it is positive.</summary>
        public string Build(string extension, string token, string path, int requestId)
        {
            string topic = _prefix + extension + "/" + token + "/" + path;
            return requestId > 0 ? topic + "/" + requestId.ToString() : topic;
        }

        /// <summary>False for topics outside this application version or too short to be KP.</summary>
        public bool Parse(string topic, KaaTopic into)
        {
            if (!topic.StartsWith(_prefix))
            {
                return false;
            }

            int extEnd = topic.IndexOf('/', _prefix.Length);
            int tokenEnd = extEnd < 0 ? -1 : topic.IndexOf('/', extEnd + 1);
            if (extEnd <= _prefix.Length || tokenEnd <= extEnd + 1 || tokenEnd == topic.Length - 1)
            {
                return false;
            }

            into.Extension = topic.Substring(_prefix.Length, extEnd - _prefix.Length);
            into.Token = topic.Substring(extEnd + 1, tokenEnd - extEnd - 1);
            int end = topic.Length;
            into.Reply = KaaReply.None;
            string last = LastLevel(topic, tokenEnd + 1, end);
            if (last == "status" || last == "error")
            {
                into.Reply = last == "status" ? KaaReply.Status : KaaReply.Error;
                end -= last.Length + 1;
            }

            into.RequestId = 0;
            if (end > tokenEnd + 1)
            {
                int id = RequestId(LastLevel(topic, tokenEnd + 1, end));
                if (id > 0)
                {
                    into.RequestId = id;
                    end = topic.LastIndexOf('/', end - 1);
                }
            }

            if (end <= tokenEnd + 1)
            {
                return false;
            }

            into.Path = topic.Substring(tokenEnd + 1, end - tokenEnd - 1);
            return true;
        }

        private static string LastLevel(string topic, int start, int end)
        {
            int slash = topic.LastIndexOf('/', end - 1);
            int from = slash < start ? start : slash + 1;
            return topic.Substring(from, end - from);
        }

        /// <summary>RFC 1: a last level that is a positive integer is a request id; anything else is not.</summary>
        private static int RequestId(string level)
        {
            if (level.Length == 0 || level.Length > 5)
            {
                return 0;
            }

            int n = 0;
            for (int i = 0; i < level.Length; i++)
            {
                char c = level[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                n = (n * 10) + (c - '0');
            }

            return n <= MaxRequestId ? n : 0;
        }
    }
}
