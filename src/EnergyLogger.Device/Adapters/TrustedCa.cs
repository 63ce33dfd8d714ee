using System;
using System.Security.Cryptography.X509Certificates;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The configured CA certificate as the TLS stack wants it. nanoFramework hands the bytes to mbedTLS,
    /// whose PEM parser needs the terminating NUL inside the buffer (mbedtls_x509_crt_parse); DER is taken
    /// as it is. A PEM bundle of several certificates is passed whole, so every one of them is trusted.
    /// </summary>
    internal static class TrustedCa
    {
        private const string PemStart = "-----BEGIN";

        /// <summary>The certificate, or null when the bytes are empty or not a certificate (the parser threw).</summary>
        public static X509Certificate Parse(byte[] pemOrDer)
        {
            if (pemOrDer == null || pemOrDer.Length == 0)
            {
                return null;
            }

            try
            {
                return new X509Certificate(IsPem(pemOrDer) ? Terminated(pemOrDer) : pemOrDer);
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static bool IsPem(byte[] bytes)
        {
            if (bytes.Length < PemStart.Length)
            {
                return false;
            }

            for (int i = 0; i < PemStart.Length; i++)
            {
                if (bytes[i] != PemStart[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static byte[] Terminated(byte[] pem)
        {
            if (pem[pem.Length - 1] == 0)
            {
                return pem;
            }

            var copy = new byte[pem.Length + 1];
            Array.Copy(pem, copy, pem.Length);
            return copy;
        }
    }
}
