using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;

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
            (_, cert, chain, errors) => (refusal = ServerCertificate.Check(o.Host, ca, cert, chain, errors)) is null);
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
