using System;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The local status page and <c>GET /api/status</c> on the dongle (docs/local-access.md): one thread answering one
    /// connection at a time, HTTP/1.0 style (RFC 9112: request line, headers, blank line; the answer closes the
    /// connection), read-only. The page and the JSON are Core's <see cref="StatusPage"/> and <see cref="StatusBoard"/>, the
    /// same the host serves; a request larger than <see cref="MaxRequestBytes"/> or slower than
    /// <see cref="RequestTimeoutMs"/> is dropped, so one client cannot hold the page for others for long. It follows the
    /// loop's <see cref="PageSwitch"/>: listening while the setting local.http or the cloud config in use turns the page on,
    /// closed while off, switched within a quarter of a second of a config taking over.
    /// </summary>
    public sealed class StatusHttpServer : SwitchFollower
    {
        private const int MaxRequestBytes = 1024;
        private const int RequestTimeoutMs = 5000;
        private const int TickMicroseconds = 250000;
        private const int CheckMs = 250;

        private readonly int _port;
        private readonly StatusBoard _board;
        private readonly PageSwitch _page;
        private readonly IClock _clock;
        private readonly Log _log;
        private readonly byte[] _request = new byte[MaxRequestBytes];
        private byte[] _html;
        private Socket _listener;

        public StatusHttpServer(int port, StatusBoard board, PageSwitch page, IClock clock, Log log)
            : base(CheckMs)
        {
            _port = port;
            _board = board;
            _page = page;
            _clock = clock;
            _log = log;
        }

        protected override int SwitchVersion => _page.Version;

        /// <summary>Closing the listener ends its accept loop: the blocked Accept throws and the loop sees it is no longer current.</summary>
        protected override void Apply()
        {
            Socket old = _listener;
            _listener = null;
            if (old != null)
            {
                old.Close();
                _log.Write(LogLevel.Info, "local", "status page closed", "port", _port.ToString());
            }

            if (!_page.On)
            {
                return;
            }

            string error;
            Socket listener = Listener.Open(_port, 2, out error);
            if (listener == null)
            {
                _log.Write(LogLevel.Error, "local", "cannot serve the status page", "port", _port.ToString(), "error", error);
                return;
            }

            _listener = listener;
            _log.Write(LogLevel.Info, "local", "status page listening", "port", _port.ToString());
            new Thread(() => Serve(listener)).Start();
        }

        private void Serve(Socket listener)
        {
            while (listener == _listener)
            {
                Socket client = Listener.TryAccept(listener);
                if (client == null)
                {
                    continue;
                }

                try
                {
                    client.SendTimeout = RequestTimeoutMs;
                    Answer(client);
                }
                catch (Exception)
                {
                    // The browser went away mid-answer; the next request is served as usual.
                }

                client.Close();
            }
        }

        private void Answer(Socket client)
        {
            int length = ReadHead(client);
            if (length <= 0)
            {
                return;
            }

            string head = Encoding.UTF8.GetString(_request, 0, length);
            int space = head.IndexOf(' ');
            int end = space < 0 ? -1 : head.IndexOf(' ', space + 1);
            if (end < 0)
            {
                Send(client, "400 Bad Request", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("bad request\n"), true);
                return;
            }

            string method = head.Substring(0, space);
            string path = head.Substring(space + 1, end - space - 1);
            int query = path.IndexOf('?');
            path = query < 0 ? path : path.Substring(0, query);
            bool body = method == "GET";
            if (!body && method != "HEAD")
            {
                Send(client, "405 Method Not Allowed\r\nAllow: GET, HEAD", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("read-only: settings are on port 4242\n"), true);
                return;
            }

            if (path == "/api/status")
            {
                Send(client, "200 OK", "application/json", _board.Document(), body);
            }
            else if (path == "/" || path == "/index.html")
            {
                if (_html == null)
                {
                    _html = Encoding.UTF8.GetBytes(StatusPage.Html);
                }

                Send(client, "200 OK", "text/html; charset=utf-8", _html, body);
            }
            else
            {
                Send(client, "404 Not Found", "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("not found\n"), body);
            }
        }

        /// <summary>Reads up to the blank line after the headers; the bytes read, or 0 for a request too large, too slow or gone.</summary>
        private int ReadHead(Socket client)
        {
            long giveUpAt = _clock.MonotonicMs + RequestTimeoutMs;
            int length = 0;
            while (_clock.MonotonicMs < giveUpAt)
            {
                if (!client.Poll(TickMicroseconds, SelectMode.SelectRead))
                {
                    continue;
                }

                if (length == _request.Length)
                {
                    return 0;
                }

                int received = client.Receive(_request, length, _request.Length - length, SocketFlags.None);
                if (received == 0)
                {
                    return 0;
                }

                length += received;
                for (int i = 3; i < length; i++)
                {
                    if (_request[i - 3] == '\r' && _request[i - 2] == '\n' && _request[i - 1] == '\r' && _request[i] == '\n')
                    {
                        return length;
                    }
                }
            }

            return 0;
        }

        private static void Send(Socket client, string status, string type, byte[] content, bool body)
        {
            string header = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + content.Length.ToString()
                + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            byte[] bytes = Encoding.UTF8.GetBytes(header);
            client.Send(bytes, 0, bytes.Length, SocketFlags.None);
            if (body)
            {
                client.Send(content, 0, content.Length, SocketFlags.None);
            }
        }
    }
}
