using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EnergyLogger.Host.Links;

/// <summary>
/// The one check of a TLS server's certificate on the host (MQTT broker, OTA update server): the
/// configured CA is the only trust anchor, the host name must match, and the certificate must be in its
/// validity period. No caller can skip it (RELIABILITY C4).
/// </summary>
internal static class ServerCertificate
{
    /// <summary>Null when the server's certificate is acceptable, otherwise the reason it is not.</summary>
    public static string? Check(string host, X509Certificate2 ca, X509Certificate? presented, X509Chain? offered, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return "the server sent no certificate";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"wrong host name: the certificate is not issued for {host}";
        }

        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        DateTime now = DateTime.Now;
        if (now > leaf.NotAfter)
        {
            return $"expired certificate: valid until {leaf.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }

        if (now < leaf.NotBefore)
        {
            return $"certificate not yet valid: valid from {leaf.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} UTC";
        }

        // The configured CA is the only trust anchor; the system store plays no part.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (offered is not null)
        {
            foreach (X509ChainElement element in offered.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(leaf))
        {
            return null;
        }

        var why = new StringBuilder("unknown CA: the chain does not end in the configured CA");
        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            why.Append(" (").Append(status.Status).Append(')');
        }

        return why.ToString();
    }
}
