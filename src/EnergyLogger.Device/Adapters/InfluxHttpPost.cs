using System;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// <see cref="IHttpPost"/> on nanoFramework's HttpWebRequest: each post runs on a thread of its own, so that a slow or
    /// absent InfluxDB never holds up the main loop, which only starts a post and polls for its status. TLS 1.2 against
    /// the settings' CA for https (the same trust as the update downloads, <see cref="HttpsDownloader"/>); a bounded wait
    /// for the connection, the request and the answer's headers; the connection closed after every post. A post that
    /// outlives twice that wait is given up as failed; its thread must still end before the next post starts, so there is
    /// never more than one. Every failure is a result (-1), never an exception; the writer logs it with its backlog.
    /// </summary>
    public sealed class InfluxHttpPost : IHttpPost
    {
        private readonly X509Certificate _ca;
        private readonly int _timeoutMs;
        private readonly object _gate = new object();
        private byte[] _body = new byte[0];
        private int _length;
        private string _url;
        private string _authorization;

        // A thread is posting; cleared by that thread when it ends.
        private bool _running;

        // The loop waits for a status (set by Start, cleared by Poll once it handed one out).
        private bool _awaiting;
        private int _status;
        private long _deadline;

        /// <param name="trustedCa">The CA an https server's chain must end in (<see cref="TrustedCa.Parse"/>); null for the device's certificate store.</param>
        /// <param name="timeoutMs">The wait for the connection and the request, and again for the answer.</param>
        public InfluxHttpPost(X509Certificate trustedCa, int timeoutMs)
        {
            _ca = trustedCa;
            _timeoutMs = timeoutMs;
        }

        public bool Start(string url, string authorization, byte[] body, int length)
        {
            lock (_gate)
            {
                if (_running || _awaiting)
                {
                    return false;
                }

                // One buffer, grown to the largest batch: a post never allocates once the writer has reached its batch size.
                if (_body.Length < length)
                {
                    _body = new byte[length];
                }

                Array.Copy(body, _body, length);
                _length = length;
                _url = url;
                _authorization = authorization;
                _status = 0;
                _running = true;
                _awaiting = true;
                _deadline = Environment.TickCount64 + (2L * _timeoutMs);
            }

            new Thread(Run).Start();
            return true;
        }

        public int Poll()
        {
            lock (_gate)
            {
                if (!_awaiting)
                {
                    return 0;
                }

                if (_status == 0 && Environment.TickCount64 >= _deadline)
                {
                    // The thread is stuck past every timeout it was given: report the failure now; Start waits for it to end.
                    _status = -1;
                }

                int status = _status;
                if (status != 0)
                {
                    _awaiting = false;
                    _status = 0;
                }

                return status;
            }
        }

        private void Run()
        {
            int status = Post();
            lock (_gate)
            {
                // A status the loop already gave up on (the deadline passed) is dropped; the batch goes again.
                if (_awaiting && _status == 0)
                {
                    _status = status;
                }

                _running = false;
            }
        }

        /// <summary>The answer's status, or -1 when there was none (no connection, TLS refused, timeout).</summary>
        private int Post()
        {
            HttpWebRequest request = null;
            HttpWebResponse response = null;
            try
            {
                request = TlsRequest.Create(_url, _ca, _timeoutMs);
                request.Method = "POST";
                request.ContentType = "text/plain; charset=utf-8";
                request.ContentLength = _length;
                if (_authorization != null)
                {
                    request.Headers.Add("Authorization", _authorization);
                }

                using (Stream stream = request.GetRequestStream())
                {
                    stream.Write(_body, 0, _length);
                }

                response = (HttpWebResponse)request.GetResponse();
                return (int)response.StatusCode;
            }
            catch (WebException e)
            {
                // An answer with an error status may come as an exception that carries it: the status still decides.
                response = e.Response as HttpWebResponse;
                return response != null ? (int)response.StatusCode : -1;
            }
            catch (Exception)
            {
                return -1;
            }
            finally
            {
                Close(response, request);
            }
        }

        /// <summary>Without keep-alive, closing the response closes the socket; disposing the request closes one that never answered.</summary>
        private static void Close(HttpWebResponse response, HttpWebRequest request)
        {
            try
            {
                if (response != null)
                {
                    response.Close();
                }

                if (request != null)
                {
                    request.Dispose();
                }
            }
            catch (Exception)
            {
                // The connection is dropped either way.
            }
        }
    }
}
