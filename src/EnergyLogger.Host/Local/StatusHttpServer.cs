using System.Net;
using System.Text;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Host.Local;

/// <summary>
/// The local status page and JSON API on the host (docs/local-access.md): <c>GET /</c> is the page, <c>GET /api/status</c>
/// the board's document; anything else is 404, any other method 405. Read-only: settings stay on port 4242. Served by
/// HttpListener from a thread of its own, each request answered from a copy of the board.
/// </summary>
internal sealed class StatusHttpServer : IDisposable
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes(StatusPage.Html);

    private readonly HttpListener _listener = new();
    private readonly StatusBoard _board;
    private readonly Log _log;
    private readonly int _port;
    private readonly Thread _thread;

    public StatusHttpServer(int port, StatusBoard board, Log log)
    {
        _port = port;
        _board = board;
        _log = log;
        _listener.Prefixes.Add($"http://*:{port}/");
        _thread = new Thread(Serve) { IsBackground = true, Name = "status http" };
    }

    /// <summary>Starts listening; a port that cannot be bound is logged and the logger runs on without the page.</summary>
    public void Start()
    {
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            _log.Write(LogLevel.Error, "local", "cannot serve the status page", "port", _port.ToString(), "error", e.Message);
            return;
        }

        _thread.Start();
        _log.Write(LogLevel.Info, "local", "status page listening", "port", _port.ToString());
    }

    public void Dispose()
    {
        if (_listener.IsListening)
        {
            _listener.Stop();
        }

        _listener.Close();
        if (_thread.ThreadState != ThreadState.Unstarted)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The browser went away mid-answer; the next request is served as usual.
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;
        string path = context.Request.Url?.AbsolutePath ?? "/";
        response.Headers["Cache-Control"] = "no-store";
        if (context.Request.HttpMethod != "GET" && context.Request.HttpMethod != "HEAD")
        {
            response.Headers["Allow"] = "GET, HEAD";
            Send(response, 405, "text/plain; charset=utf-8", "read-only: settings are on port 4242\n"u8.ToArray());
            return;
        }

        switch (path)
        {
            case "/":
            case "/index.html":
                Send(response, 200, "text/html; charset=utf-8", Page);
                break;
            case "/api/status":
                Send(response, 200, "application/json", _board.Document());
                break;
            default:
                Send(response, 404, "text/plain; charset=utf-8", "not found\n"u8.ToArray());
                break;
        }
    }

    private static void Send(HttpListenerResponse response, int status, string type, byte[] body)
    {
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = body.Length;
        response.OutputStream.Write(body);
        response.Close();
    }
}
