using System;
using System.Text;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// Where and how the InfluxDB writer posts (docs/local-access.md, "InfluxDB"), the one rule both adapters follow:
    /// InfluxDB 1.x takes <c>BASE/write?db=DB&amp;precision=ms</c>, with the header <c>Authorization: Basic</c> and the
    /// Base64 of <c>USER:PASSWORD</c> in UTF-8 when the database has authentication (InfluxDB 1.x HTTP API, "Authenticate
    /// with Basic authentication"; RFC 7617, 2), so that no password is part of a URL a proxy or server may log; 2.x takes
    /// <c>BASE/api/v2/write?org=ORG&amp;bucket=BUCKET&amp;precision=ms</c> with the header <c>Authorization: Token TOKEN</c>.
    /// Every query value is percent-encoded as RFC 3986 (2.1, 2.3) says, so a name with spaces, '&amp;' or '=' stays one value.
    /// Built from fields that <see cref="SettingsCheck"/> has matched already; it checks nothing itself.
    /// </summary>
    public sealed class InfluxEndpoint
    {
        private const string Hex = "0123456789ABCDEF";

        private InfluxEndpoint(string writeUrl, string authorization)
        {
            WriteUrl = writeUrl;
            Authorization = authorization;
        }

        /// <summary>The write endpoint with its query; it never holds a credential.</summary>
        public string WriteUrl { get; }

        /// <summary>The value of the Authorization header: <c>Token ...</c> for 2.x, <c>Basic ...</c> for 1.x with a user, else null.</summary>
        public string Authorization { get; }

        /// <summary>
        /// The endpoint of a 1.x <paramref name="db"/> or, when it is empty, of a 2.x <paramref name="org"/>,
        /// <paramref name="bucket"/> and <paramref name="token"/>; empty means not set, as in the settings.
        /// </summary>
        public static InfluxEndpoint Of(string url, string db, string user, string password, string org, string bucket, string token)
        {
            string baseUrl = url;
            while (baseUrl.Length > 0 && baseUrl[baseUrl.Length - 1] == '/')
            {
                baseUrl = baseUrl.Substring(0, baseUrl.Length - 1);
            }

            if (db.Length > 0)
            {
                string basic = user.Length == 0 ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
                return new InfluxEndpoint(baseUrl + "/write?db=" + Encode(db) + "&precision=ms", basic);
            }

            return new InfluxEndpoint(baseUrl + "/api/v2/write?org=" + Encode(org) + "&bucket=" + Encode(bucket) + "&precision=ms", "Token " + token);
        }

        /// <summary>The endpoint the settings <c>influx.*</c> name; null when <c>influx.url</c> is not set.</summary>
        public static InfluxEndpoint FromSettings(DeviceSettings settings)
        {
            if (!settings.IsSet(SettingFields.InfluxUrl))
            {
                return null;
            }

            return Of(settings.InfluxUrl, settings.Get(SettingFields.InfluxDb), settings.Get(SettingFields.InfluxUser), settings.InfluxPassword,
                settings.Get(SettingFields.InfluxOrg), settings.Get(SettingFields.InfluxBucket), settings.InfluxToken);
        }

        /// <summary>True when both name the same place with the same credentials.</summary>
        public bool SameAs(InfluxEndpoint other)
        {
            return other != null && WriteUrl == other.WriteUrl && Authorization == other.Authorization;
        }

        /// <summary>
        /// <paramref name="text"/> as one query value: every UTF-8 byte but the unreserved characters (RFC 3986, 2.3:
        /// letters, digits, '-', '.', '_', '~') as %XX, which is what .NET's Uri.EscapeDataString gives.
        /// </summary>
        public static string Encode(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            var result = new StringBuilder(bytes.Length);
            for (int i = 0; i < bytes.Length; i++)
            {
                int b = bytes[i];
                bool unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
                if (unreserved)
                {
                    result.Append((char)b);
                }
                else
                {
                    result.Append('%');
                    result.Append(Hex[b >> 4]);
                    result.Append(Hex[b & 15]);
                }
            }

            return result.ToString();
        }
    }
}
