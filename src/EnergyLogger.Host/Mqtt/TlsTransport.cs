using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Mqtt;

/// <summary>
/// Opens the byte stream under MQTT: TCP, and with TLS on, TLS 1.2 checked against the configured CA and the
/// host name. A refused certificate fails the connect with a reason; there is no retry in plaintext and no
/// switch that skips validation (RELIABILITY C4).
/// </summary>
internal static class TlsTransport
{
    public sealed record Opened(TcpClient Tcp, Stream Stream);

    public static Opened? Open(MqttConnectOptions o, out MqttConnectResult? failure)
    {
        failure = null;
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(o.ConnectTimeoutMs);
            tcp.ConnectAsync(o.Host, o.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            tcp.Dispose();
            failure = new MqttConnectResult(MqttConnectStatus.NetworkError, $"cannot reach {o.Host}:{o.Port}: {e.Message}");
            return null;
        }

        tcp.ReceiveTimeout = o.ConnectTimeoutMs;
        tcp.SendTimeout = o.ConnectTimeoutMs;
        if (!o.UseTls)
        {
            return new Opened(tcp, tcp.GetStream());
        }

        return Secure(tcp, o, out failure);
    }

    private static Opened? Secure(TcpClient tcp, MqttConnectOptions o, out MqttConnectResult? failure)
    {
        failure = null;
        X509Certificate2? ca = LoadCa(o.CaCertificate);
        if (ca is null)
        {
            tcp.Dispose();
            failure = new MqttConnectResult(MqttConnectStatus.TlsRejected, "no usable CA certificate configured");
            return null;
        }

        string? refusal = null;
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, cert, chain, errors) => (refusal = Check(o.Host, ca, cert, chain, errors)) is null);
        try
        {
            ssl.AuthenticateAsClient(new SslClientAuthenticationOptions
            {
                TargetHost = o.Host,
                EnabledSslProtocols = SslProtocols.Tls12,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            });
            return new Opened(tcp, ssl);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            ssl.Dispose();
            tcp.Dispose();
            failure = new MqttConnectResult(MqttConnectStatus.TlsRejected, refusal ?? $"TLS handshake failed: {e.Message}");
            return null;
        }
        finally
        {
            ca.Dispose();
        }
    }

    /// <summary>Null when the server's certificate is acceptable, otherwise the reason it is not.</summary>
    internal static string? Check(string host, X509Certificate2 ca, X509Certificate? presented, X509Chain? offered, SslPolicyErrors errors)
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

    private static X509Certificate2? LoadCa(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return null;
        }

        try
        {
            string text = Encoding.ASCII.GetString(bytes);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
