using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EnergyLogger.Integration.Tests.Ota;

/// <summary>
/// A real HTTPS update server for the tests: Kestrel on the loopback with a certificate for "localhost"
/// issued by a CA made here, serving packages with HTTP range support (RFC 9110 14.2) and a probe page.
/// Fault knob: drop the connection after a number of body bytes of the next package response.
/// </summary>
public sealed class HttpsUpdateServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private int _dropAfter = -1;

    private HttpsUpdateServer(WebApplication app, X509Certificate2 ca)
    {
        _app = app;
        Ca = ca;
    }

    /// <summary>The CA that issued the server's certificate: what the device is configured to trust.</summary>
    public X509Certificate2 Ca { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request as (path, Range header).</summary>
    public List<(string Path, string Range)> Requests { get; } = [];

    public static async Task<HttpsUpdateServer> StartAsync()
    {
        X509Certificate2 ca = TestCertificates.Ca("EnergyLogger Test Update CA", out ECDsa caKey);
        X509Certificate2 leaf = TestCertificates.ServerFor("localhost", ca, caKey);
        caKey.Dispose();

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(leaf)));
        WebApplication app = builder.Build();
        var server = new HttpsUpdateServer(app, ca);
        app.Use(server.Record);
        app.MapGet("/", () => "EnergyLogger updates");
        app.MapGet("/packages/{name}", (string name) => server.Serve(name));
        await app.StartAsync();
        server.BaseUrl = "https://localhost:" + new Uri(app.Urls.First()).Port;
        return server;
    }

    public string Put(string name, byte[] package)
    {
        lock (_gate)
        {
            _files[name] = package;
        }

        return $"{BaseUrl}/packages/{name}";
    }

    /// <summary>The next package response stops after <paramref name="bytes"/> body bytes and the connection is dropped.</summary>
    public void DropNextAfter(int bytes) => _dropAfter = bytes;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Serve(string name)
    {
        lock (_gate)
        {
            return _files.TryGetValue(name, out byte[]? bytes)
                ? Results.File(bytes, "application/octet-stream", enableRangeProcessing: true)
                : Results.NotFound();
        }
    }

    private async Task Record(HttpContext context, RequestDelegate next)
    {
        lock (_gate)
        {
            Requests.Add((context.Request.Path, context.Request.Headers.Range.ToString()));
        }

        int drop = Interlocked.Exchange(ref _dropAfter, -1);
        if (drop >= 0 && context.Request.Path.StartsWithSegments("/packages"))
        {
            context.Response.Body = new DroppingStream(context.Response.Body, drop, context);
        }

        await next(context);
    }

    /// <summary>Passes body bytes until the limit, then aborts the connection: a transport drop mid-download.</summary>
    private sealed class DroppingStream(Stream inner, int limit, HttpContext context) : Stream
    {
        private int _left = limit;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int pass = Math.Min(_left, buffer.Length);
            if (pass > 0)
            {
                await inner.WriteAsync(buffer[..pass], cancellationToken);
                await inner.FlushAsync(cancellationToken);
                _left -= pass;
            }

            if (pass < buffer.Length)
            {
                context.Abort();
                throw new OperationCanceledException("connection dropped by the test");
            }
        }
    }
}

/// <summary>A CA and the server certificates it issues, made in the test (ECDSA P-256).</summary>
public static class TestCertificates
{
    public static X509Certificate2 Ca(string name, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public static X509Certificate2 ServerFor(string host, X509Certificate2 ca, ECDsa caKey)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        byte[] serial = RandomNumberGenerator.GetBytes(12);
        using X509Certificate2 issued = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
        using X509Certificate2 withKey = issued.CopyWithPrivateKey(key);

        // Kestrel on some platforms needs a key it can export; a PKCS#12 round trip gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
