using System.Net.Http.Headers;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Local;

/// <summary>
/// <see cref="IHttpPost"/> on the host: posts line protocol to the InfluxDB write API of an <see cref="InfluxConfig"/>
/// with HttpClient, on the thread pool, so the main loop only starts a post and polls for its status.
/// </summary>
internal sealed class InfluxPoster : IHttpPost, IDisposable
{
    private readonly HttpClient _client;
    private readonly InfluxConfig _config;
    private Task<int>? _post;

    public InfluxPoster(InfluxConfig config)
    {
        _config = config;
        _client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(config.TimeoutMs) };
    }

    public bool Start(byte[] body, int length)
    {
        if (_post is not null)
        {
            return false;
        }

        byte[] copy = body[..length];
        _post = Task.Run(() => Post(copy));
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

    private async Task<int> Post(byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _config.WriteUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (_config.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", _config.Token);
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
