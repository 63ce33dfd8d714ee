using System.Text;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>The two reply shapes of port 4242: <c>ok ...</c> and <c>error FIELD: reason</c>.</summary>
    public static class ProtocolReply
    {
        public static string Ok(string text)
        {
            return "ok " + text;
        }

        public static string Error(string field, string reason)
        {
            return "error " + field + ": " + reason;
        }

        /// <summary>A value in double quotes, with backslash and quote escaped, so values with spaces stay one token.</summary>
        public static string Quote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2);
            quoted.Append('"');
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    quoted.Append('\\');
                }

                quoted.Append(c);
            }

            quoted.Append('"');
            return quoted.ToString();
        }
    }
}
