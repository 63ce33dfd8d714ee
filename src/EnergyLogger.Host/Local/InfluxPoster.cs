using System.Net.Http.Headers;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Local;

/// <summary>
/// <see cref="IHttpPost"/> on the host: posts line protocol to the InfluxDB write API that Core names (an
/// <see cref="EnergyLogger.Core.Provisioning.InfluxEndpoint"/>) with HttpClient, on the thread pool, so the main loop only
/// starts a post and polls for its status.
/// </summary>
internal sealed class InfluxPoster : IHttpPost, IDisposable
{
    private readonly HttpClient _client;
    private Task<int>? _post;

    /// <param name="timeoutMs">How long one post may take, from connect to the answer's headers.</param>
    public InfluxPoster(int timeoutMs)
    {
        _client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(timeoutMs) };
    }

    public bool Start(string url, string? authorization, byte[] body, int length)
    {
        if (_post is not null)
        {
            return false;
        }

        byte[] copy = body[..length];
        _post = Task.Run(() => Post(url, authorization, copy));
        return true;
    }

    public int Poll()
    {
        if (_post is null || !_post.IsCompleted)
        {
            return 0;
        }

        int status = _post.Result;
        _post = null;
        return status;
    }

    public void Dispose()
    {
        _client.Dispose();
    }

    private async Task<int> Post(string url, string? authorization, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        try
        {
            using HttpResponseMessage response = await _client.SendAsync(request).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return -1;
        }
    }
}
