// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System.Collections;
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// The HTTPS downloader: each request is recorded (<c>http&gt; open URL from=N</c>) and the server's answers come
    /// from the feed (<c>http&lt; ok TOTAL</c>, <c>http&lt; data N</c>, <c>http&lt; end</c>, <c>http&lt; failed</c>). The
    /// bytes of a <c>data</c> answer are the next ones of the package the script serves at that URL.
    /// </summary>
    public sealed class TranscriptHttp : IHttpDownloader
    {
        private readonly TranscriptWriter _out;
        private readonly ITranscriptFeed _feed;
        private readonly Hashtable _served = new Hashtable();
        private byte[] _body;
        private int _at;

        public TranscriptHttp(TranscriptWriter output, ITranscriptFeed feed)
        {
            _out = output;
            _feed = feed;
        }

        /// <summary>What the update server holds at a URL (a script line).</summary>
        public void Serve(string url, byte[] content)
        {
            _served[url] = content;
            _feed.Serve(url, content);
        }

        public DownloadStatus Open(string url, int offset, out int totalLength)
        {
            Close();
            totalLength = 0;
            _out.Record("http> open " + url + " from=" + offset.ToString());
            string answer = _feed.HttpOpen(url, offset);
            _out.Record("http< " + answer);
            if (TranscriptCodec.First(answer) != "ok")
            {
                return DownloadStatus.Failed;
            }

            totalLength = int.Parse(TranscriptCodec.Rest(answer));
            _body = (byte[])_served[url];
            _at = offset;
            return DownloadStatus.Ok;
        }

        public DownloadStatus Read(byte[] buffer, int offset, int count, out int received)
        {
            received = 0;
            if (_body == null)
            {
                return DownloadStatus.Failed;
            }

            string answer = _feed.HttpRead(count);
            _out.Record("http< " + answer);
            string kind = TranscriptCodec.First(answer);
            if (kind == "end")
            {
                return DownloadStatus.End;
            }

            int n = kind == "data" ? int.Parse(TranscriptCodec.Rest(answer)) : -1;
            if (n < 0 || n > count || _at + n > _body.Length)
            {
                Close();
                return DownloadStatus.Failed;
            }

            System.Array.Copy(_body, _at, buffer, offset, n);
            _at += n;
            received = n;
            return DownloadStatus.Ok;
        }

        public void Close()
        {
            if (_body != null)
            {
                _body = null;
                _feed.HttpClose();
            }
        }
    }
}
