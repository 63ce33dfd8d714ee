using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Host.Cli;
using EnergyLogger.Host.Local;
using Xunit;
using static EnergyLogger.Integration.Tests.Cloud.KaaLikeResponder;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>
/// The host's InfluxDB poster against a server that records the request bytes: the v2 path, org, bucket, precision and
/// token (no InfluxDB 2.x in Debian), the v1 path with credentials, and a server that is not there.
/// </summary>
public sealed class InfluxPosterTests : IDisposable
{
    private readonly TcpListener _server = new(IPAddress.Loopback, 0);
    private readonly List<string> _requests = [];
    private readonly Thread _thread;

    public InfluxPosterTests()
    {
        _server.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    private string Url => "http://127.0.0.1:" + ((IPEndPoint)_server.LocalEndpoint).Port;

    public void Dispose() => _server.Stop();

    /// <summary>
    /// Reads one request (headers, then Content-Length bytes), records it, answers 204; until the listener is stopped,
    /// which the next accept hears as an InvalidOperationException when the stop came between two accepts.
    /// </summary>
    private void Serve()
    {
        try
        {
            while (true)
            {
                using TcpClient client = _server.AcceptTcpClient();
                NetworkStream stream = client.GetStream();
                var head = new StringBuilder();
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
                {
                    head.Append((char)stream.ReadByte());
                }

                int length = int.Parse(head.ToString().Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))[15..].Trim());
                var body = new byte[length];
                stream.ReadExactly(body);
                lock (_requests)
                {
                    _requests.Add(head + Encoding.UTF8.GetString(body));
                }

                stream.Write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
        }
    }

    private static InfluxConfig Config(string json) => InfluxConfig.Read(JsonDocument.Parse(json).RootElement);

    private static int Post(InfluxConfig config, string body)
    {
        using var poster = new InfluxPoster(config.TimeoutMs);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        InfluxEndpoint to = config.Endpoint;
        Assert.True(poster.Start(to.WriteUrl, to.Authorization, bytes, bytes.Length));
        Assert.False(poster.Start(to.WriteUrl, to.Authorization, bytes, bytes.Length));
        int status = 0;
        Assert.True(WaitUntil(() => (status = poster.Poll()) != 0, TimeSpan.FromSeconds(15)));
        return status;
    }

    [Fact]
    public void Post_V2_WritesToApiV2WithOrgBucketPrecisionAndToken()
    {
        InfluxConfig config = Config($$"""{"url":"{{Url}}/","org":"home lab","bucket":"solar","token":"t0k3n=="}""");
        const string line = "energylogger,device=020000E2E214 seq=1i,grid.power=-1200 1767225600000\n";

        Assert.Equal(204, Post(config, line));

        string request = Assert.Single(_requests);
        Assert.StartsWith("POST /api/v2/write?org=home%20lab&bucket=solar&precision=ms HTTP/1.1\r\n", request);
        Assert.Contains("\r\nAuthorization: Token t0k3n==\r\n", request);
        Assert.Contains("\r\nContent-Type: text/plain; charset=utf-8\r\n", request);
        Assert.EndsWith("\r\n\r\n" + line, request);
    }

    [Fact]
    public void Post_V1_WritesToWriteWithDatabaseAndCredentials()
    {
        InfluxConfig config = Config($$"""{"url":"{{Url}}","db":"energy","user":"logger","password":"p&ss"}""");

        Assert.Equal(204, Post(config, "energylogger,device=d seq=1i 1\n"));

        string request = Assert.Single(_requests);
        Assert.StartsWith("POST /write?db=energy&precision=ms HTTP/1.1\r\n", request);
        Assert.Contains("\r\nAuthorization: Basic " + Convert.ToBase64String("logger:p&ss"u8) + "\r\n", request);
    }

    [Fact]
    public void Post_NobodyListening_FailsWithoutStatus()
    {
        int port = EnergyLogger.Integration.Tests.Cloud.MosquittoBroker.FreePort();
        InfluxConfig config = Config($$"""{"url":"http://127.0.0.1:{{port}}","db":"energy","timeoutMs":2000}""");

        Assert.Equal(-1, Post(config, "energylogger,device=d seq=1i 1\n"));
    }

    [Theory]
    [InlineData("""{"db":"x"}""", "$.influx.url: required")]
    [InlineData("""{"url":"ftp://h","db":"x"}""", "$.influx.url: an http:// or https:// URL")]
    [InlineData("""{"url":"http://h"}""", "$.influx.db: influx.db (1.x), or influx.org, .bucket and .token (2.x), required with influx.url")]
    [InlineData("""{"url":"http://h","db":"x","token":"t"}""", "$.influx.db: influx.db, .user and .password (1.x) exclude influx.org, .bucket and .token (2.x)")]
    [InlineData("""{"url":"http://h","org":"o","bucket":"b","token":"t","user":"u"}""", "$.influx.db: influx.db, .user and .password (1.x) exclude")]
    [InlineData("""{"url":"http://h","db":"x","password":"p"}""", "$.influx.password: needs influx.user")]
    [InlineData("""{"url":"http://user:pw@h","db":"x"}""", "$.influx.url: only scheme, host, port and path")]
    [InlineData("""{"url":"http://h","db":"x","colour":1}""", "$.influx.colour: unknown member")]
    public void Read_BadInfluxConfig_NamesThePath(string json, string expected)
    {
        var error = Assert.Throws<UsageException>(() => Config(json));
        Assert.Contains(expected, error.Message);
    }
}
