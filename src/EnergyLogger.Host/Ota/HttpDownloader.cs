using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EnergyLogger.Core.Ports;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Ota;

/// <summary>
/// <see cref="IHttpDownloader"/> on HttpClient: a ranged GET (RFC 9110 14.2) whose body is read into the
/// caller's buffer. With a configured CA only servers whose chain ends at that CA are accepted (as on the
/// device); there is no switch that skips certificate validation. Every failure is a result, and the
/// reason is kept in <see cref="LastError"/> for the log.
/// </summary>
public sealed class HttpDownloader : IHttpDownloader, IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeSpan _readTimeout;
    private HttpResponseMessage? _response;
    private Stream? _body;

    // Why the last TLS handshake refused the server, for a failure message better than the TLS stack's own.
    private string? _tlsRefusal;

    /// <param name="trustedCa">The CA that must vouch for the update server; null to trust the system's roots.</param>
    public HttpDownloader(X509Certificate2? trustedCa, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, AutomaticDecompression = DecompressionMethods.None };
        if (trustedCa is not null)
        {
            // The host-name mismatch arrives in errors; the name itself only words the reason.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, presented, errors) =>
                (_tlsRefusal = ServerCertificate.Check("the update server", trustedCa, certificate, presented, errors)) is null;
        }

        _client = new HttpClient(handler) { Timeout = timeout };
        _readTimeout = timeout;
    }

    public string LastError { get; private set; } = "";

    public DownloadStatus Open(string url, int offset, out int totalLength)
    {
        Close();
        totalLength = 0;
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (offset > 0)
            {
                request.Headers.Range = new RangeHeaderValue(offset, null);
            }

            _response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            long? total = Total(_response, offset);
            if (!_response.IsSuccessStatusCode || total > int.MaxValue || (total is null && offset > 0))
            {
                return Fail($"HTTP {(int)_response.StatusCode} for bytes {offset}- of {url}");
            }

            _body = _response.Content.ReadAsStream();
            if (_response.StatusCode == HttpStatusCode.OK && offset > 0 && !Skip(offset))
            {
                return Fail("the server ignored the range and the body ended before it");
            }

            totalLength = total is null ? -1 : (int)total;
            return DownloadStatus.Ok;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return Fail(e.GetBaseException().Message);
        }
    }

    public DownloadStatus Read(byte[] buffer, int offset, int count, out int received)
    {
        received = 0;
        if (_body is null)
        {
            return DownloadStatus.Failed;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_readTimeout);
            received = _body.ReadAsync(buffer.AsMemory(offset, count), timeout.Token).AsTask().GetAwaiter().GetResult();
            return received == 0 ? DownloadStatus.End : DownloadStatus.Ok;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            Close();
            return Fail(e.GetBaseException().Message);
        }
    }

    public void Close()
    {
        _body?.Dispose();
        _response?.Dispose();
        _body = null;
        _response = null;
    }

    public void Dispose()
    {
        Close();
        _client.Dispose();
    }

    /// <summary>
    /// The whole resource's length: from Content-Range on 206, from Content-Length on a 200 (a server
    /// that ignored the range, or a page sent whole); null when the response does not say.
    /// </summary>
    private static long? Total(HttpResponseMessage response, int offset)
    {
        ContentRangeHeaderValue? range = response.Content.Headers.ContentRange;
        return response.StatusCode switch
        {
            HttpStatusCode.PartialContent when range?.From == offset => range.Length,
            HttpStatusCode.OK => response.Content.Headers.ContentLength,
            _ => null,
        };
    }

    private bool Skip(int count)
    {
        byte[] discard = new byte[Math.Min(count, 16384)];
        while (count > 0)
        {
            int n = _body!.Read(discard, 0, Math.Min(count, discard.Length));
            if (n == 0)
            {
                return false;
            }

            count -= n;
        }

        return true;
    }

    private DownloadStatus Fail(string reason)
    {
        Close();
        LastError = _tlsRefusal is null ? reason : "update server certificate refused: " + _tlsRefusal;
        _tlsRefusal = null;
        return DownloadStatus.Failed;
    }
}
