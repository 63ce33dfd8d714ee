using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;
using MQTTnet.Channel;

namespace EnergyLogger.Host.Mqtt;

/// <summary>
/// The byte stream MQTTnet speaks over: TCP, and with TLS on, TLS 1.2 or 1.3 (whichever the broker offers
/// highest) checked by <see cref="ServerCertificate"/> against the configured CA alone. TLS is opened here rather
/// than by MQTTnet so that <see cref="PacketGuardStream"/> can sit on the decrypted bytes, and so a refusal keeps
/// its reason. A refused certificate fails the connect; there is no retry in plaintext and no switch that
/// skips validation (RELIABILITY C4). One instance serves one connect attempt.
/// </summary>
internal sealed class BrokerTransport(MqttConnectOptions options, int maxPacketBytes) : IMqttClientStreamProvider
{
    /// <summary>Why the last attempt failed, in the port's terms; null while none has.</summary>
    public MqttConnectResult? Failure { get; private set; }

    /// <summary>The TLS version the broker agreed to, for logs and tests; None for plain TCP.</summary>
    public SslProtocols Protocol { get; private set; }

    public async Task<Stream> ConnectAsync(EndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeoutMs);
            await tcp.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            tcp.Dispose();
            throw Fail(MqttConnectStatus.NetworkError, $"cannot reach {options.Host}:{options.Port}: {e.Message}");
        }

        Stream stream = tcp.GetStream();
        if (options.UseTls)
        {
            stream = await SecureAsync(tcp, cancellationToken).ConfigureAwait(false);
        }

        return new PacketGuardStream(stream, tcp, maxPacketBytes);
    }

    private async Task<Stream> SecureAsync(TcpClient tcp, CancellationToken cancellationToken)
    {
        using X509Certificate2? ca = LoadCa(options.CaCertificate);
        if (ca is null)
        {
            tcp.Dispose();
            throw Fail(MqttConnectStatus.TlsRejected, "no usable CA certificate configured");
        }

        string? refusal = null;
        var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false,
            (_, cert, chain, errors) => (refusal = ServerCertificate.Check(options.Host, ca, cert, chain, errors)) is null);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ConnectTimeoutMs);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = options.Host,
                // Never below 1.2; 1.3 where the broker has it (mosquitto with OpenSSL 3 does).
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            }, timeout.Token).ConfigureAwait(false);
            Protocol = ssl.SslProtocol;
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            tcp.Dispose();
            throw Fail(MqttConnectStatus.TlsRejected, refusal ?? $"TLS handshake failed: {e.Message}");
        }
    }

    private IOException Fail(MqttConnectStatus status, string reason)
    {
        Failure = new MqttConnectResult(status, reason);
        return new IOException(reason);
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
