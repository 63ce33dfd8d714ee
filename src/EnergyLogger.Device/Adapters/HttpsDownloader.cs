using System;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// <see cref="IHttpDownloader"/> on nanoFramework's HttpWebRequest, the engine under its HttpClient. HttpClient
    /// itself cannot serve this port: its content is either buffered whole (ReadAsStream, LoadIntoBuffer) or pushed
    /// to a sink to the very end in one call (CopyTo), while the port reads one chunk per main-loop step. The
    /// response stream gives exactly that: TLS 1.2 against the configured CA, a Range request (RFC 9110 14.2), a
    /// bounded wait for the headers and for every read, and the connection closed on <see cref="Close"/>.
    /// Every failure is a result; the reason is kept in <see cref="LastError"/> for the log.
    /// </summary>
    public sealed class HttpsDownloader : IHttpDownloader
    {
        private const int ZeroReadPauseMs = 10;

        private readonly X509Certificate _ca;
        private readonly int _timeoutMs;
        private readonly byte[] _skip = new byte[256];
        private HttpWebResponse _response;
        private Stream _body;

        // Body bytes still to come; -1 when the server did not say (chunked, or closed-delimited).
        private long _remaining;

        /// <param name="trustedCa">The CA the server's chain must end in (<see cref="TrustedCa.Parse"/>); null for the device's certificate store.</param>
        /// <param name="timeoutMs">The wait for the response headers, and for the next bytes of the body.</param>
        public HttpsDownloader(X509Certificate trustedCa, int timeoutMs)
        {
            _ca = trustedCa;
            _timeoutMs = timeoutMs;
        }

        public string LastError { get; private set; } = string.Empty;

        public DownloadStatus Open(string url, int offset, out int totalLength)
        {
            Close();
            totalLength = 0;
            HttpWebRequest request = null;
            try
            {
                request = TlsRequest.Create(url, _ca, _timeoutMs);
                if (offset > 0)
                {
                    request.AddRange(offset);
                }

                _response = (HttpWebResponse)request.GetResponse();
                return Accept(url, offset, out totalLength);
            }
            catch (Exception e)
            {
                return Fail("GET " + url + ": " + Describe(e));
            }
            finally
            {
                // Once a response exists this leaves its connection alone; before that it closes the socket.
                if (request != null)
                {
                    request.Dispose();
                }
            }
        }

        public DownloadStatus Read(byte[] buffer, int offset, int count, out int received)
        {
            received = 0;
            if (_body == null)
            {
                return DownloadStatus.Failed;
            }

            if (_remaining == 0)
            {
                return DownloadStatus.End;
            }

            if (count <= 0)
            {
                return DownloadStatus.Ok;
            }

            int want = _remaining > 0 && _remaining < count ? (int)_remaining : count;
            try
            {
                long deadline = Environment.TickCount64 + _timeoutMs;
                while (true)
                {
                    // Blocks up to ReadWriteTimeout for the first byte, then throws.
                    int n = _body.Read(buffer, offset, want);
                    if (n > 0)
                    {
                        received = n;
                        _remaining = _remaining > 0 ? _remaining - n : _remaining;
                        return DownloadStatus.Ok;
                    }

                    if (_remaining < 0)
                    {
                        // Without a length, nothing more is the end: the last chunk, or the server closed.
                        return DownloadStatus.End;
                    }

                    // The stream wrapper may return 0 before the body is complete (its own copy loop sleeps 10 ms too).
                    if (Environment.TickCount64 >= deadline)
                    {
                        return Fail("the body stopped " + _remaining.ToString() + " bytes before its end");
                    }

                    Thread.Sleep(ZeroReadPauseMs);
                }
            }
            catch (Exception e)
            {
                return Fail("read: " + Describe(e));
            }
        }

        public void Close()
        {
            Stream body = _body;
            HttpWebResponse response = _response;
            _body = null;
            _response = null;
            _remaining = 0;
            try
            {
                if (body != null)
                {
                    body.Dispose();
                }

                if (response != null)
                {
                    // Without keep-alive this closes the socket (HttpWebResponse.Close).
                    response.Close();
                }
            }
            catch (Exception)
            {
                // The connection is dropped either way.
            }
        }

        /// <summary>
        /// 206 must start where asked (Content-Range, RFC 9110 14.4); the whole length is then the offset plus the
        /// part. A 200 to a ranged request means the server ignored the range: the bytes before the offset are skipped.
        /// </summary>
        private DownloadStatus Accept(string url, int offset, out int totalLength)
        {
            totalLength = 0;
            HttpStatusCode status = _response.StatusCode;
            long length = _response.ContentLength;
            if (status == HttpStatusCode.PartialContent && offset > 0)
            {
                string range = _response.GetResponseHeader("Content-Range");
                if (length < 0 || !range.StartsWith("bytes " + offset.ToString() + "-"))
                {
                    return Fail("206 for bytes " + offset.ToString() + "- of " + url + " with Content-Range '" + range + "'");
                }

                length += offset;
            }
            else if (status != HttpStatusCode.OK || (offset > 0 && length < 0))
            {
                return Fail("HTTP " + ((int)status).ToString() + " for bytes " + offset.ToString() + "- of " + url);
            }

            if (length > int.MaxValue)
            {
                return Fail(url + " is larger than 2 GB");
            }

            _body = _response.GetResponseStream();

            // What this response carries: the part for a 206, everything (or an unknown length) for a 200.
            _remaining = status == HttpStatusCode.PartialContent ? length - offset : length;
            if (status == HttpStatusCode.OK && offset > 0 && !Skip(offset))
            {
                return Fail("the server ignored the range and the body ended before byte " + offset.ToString());
            }

            totalLength = (int)length;
            return DownloadStatus.Ok;
        }

        private bool Skip(int count)
        {
            while (count > 0)
            {
                int received;
                DownloadStatus status = Read(_skip, 0, count < _skip.Length ? count : _skip.Length, out received);
                if (status != DownloadStatus.Ok)
                {
                    return false;
                }

                count -= received;
            }

            return true;
        }

        private DownloadStatus Fail(string reason)
        {
            Close();
            LastError = reason;
            return DownloadStatus.Failed;
        }

        /// <summary>WebException wraps the socket or TLS error; its status and the inner message say more than its own.</summary>
        private static string Describe(Exception e)
        {
            var web = e as WebException;
            string text = e.Message;
            if (web != null)
            {
                text = "web status " + ((int)web.Status).ToString() + " " + text;
            }

            return e.InnerException != null ? text + " (" + e.InnerException.Message + ")" : text;
        }
    }
}
