using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>An HttpWebRequest set up as the update downloads and the InfluxDB posts both want it.</summary>
    internal static class TlsRequest
    {
        /// <summary>
        /// A request to <paramref name="url"/> that keeps no connection, waits at most <paramref name="timeoutMs"/> for the
        /// connection and response and for each read or write, and speaks TLS 1.2 to a server whose chain ends in
        /// <paramref name="ca"/> (null for the device's certificate store); plain http ignores the TLS settings.
        /// </summary>
        public static HttpWebRequest Create(string url, X509Certificate ca, int timeoutMs)
        {
            var request = (HttpWebRequest)WebRequest.Create(url);

            // No connection pool: a kept-alive socket is drained on a thread of its own when released.
            request.KeepAlive = false;
            request.Timeout = timeoutMs;
            request.ReadWriteTimeout = timeoutMs;

            // HttpWebRequest's default is SslProtocols.None, which fails every handshake.
            request.SslProtocols = SslProtocols.Tls12;
            request.SslVerification = SslVerification.CertificateRequired;
            request.HttpsAuthentCert = ca;
            return request;
        }
    }
}
