// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using EnergyLogger.Core.Ports;

namespace EnergyLogger.Transcripts
{
    /// <summary>Called when a bus read never returns; it lets virtual time pass until something ends the run.</summary>
    public delegate void StallHandler();

    /// <summary>
    /// The RS-485 line: every request is recorded (<c>bus&gt;</c>) with the slave's answer under it (<c>bus&lt;</c>),
    /// which arrives <see cref="TurnaroundMs"/> after the request, whole; <c>silent</c> lets the read time out, and
    /// <c>stall</c> makes the next read hang like a stuck UART driver (RELIABILITY W1).
    /// </summary>
    public sealed class TranscriptLink : IByteLink
    {
        public const int TurnaroundMs = 5;

        private readonly TranscriptWriter _out;
        private readonly ITranscriptFeed _feed;
        private readonly TranscriptClock _clock;
        private byte[] _reply;
        private int _replyAt;
        private long _arrivesMs;
        private bool _stalled;

        public TranscriptLink(TranscriptWriter output, ITranscriptFeed feed, TranscriptClock clock)
        {
            _out = output;
            _feed = feed;
            _clock = clock;
        }

        public StallHandler OnStall { get; set; }

        public LinkStatus Write(byte[] buffer, int offset, int count)
        {
            _out.Record("bus> " + TranscriptCodec.Hex(buffer, offset, count));
            string answer = _feed.BusAnswer(buffer, offset, count);
            _out.Record("bus< " + answer);
            _reply = null;
            if (answer == "stall")
            {
                _stalled = true;
            }
            else if (answer != "silent")
            {
                // Nothing decodable is silence: a read that returns no bytes would never end the wait.
                _reply = TranscriptCodec.FromHex(answer);
                _reply = _reply == null || _reply.Length == 0 ? null : _reply;
                _replyAt = 0;
                _arrivesMs = _clock.MonotonicMs + TurnaroundMs;
            }

            return LinkStatus.Ok;
        }

        public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
        {
            received = 0;
            if (_stalled)
            {
                _stalled = false;
                if (OnStall != null)
                {
                    OnStall();
                }

                return LinkStatus.Error;
            }

            long now = _clock.MonotonicMs;
            int wait = timeoutMs > 0 ? timeoutMs : 0;
            if (_reply == null || _arrivesMs > now + wait)
            {
                _clock.Advance(wait);
                return LinkStatus.Timeout;
            }

            if (_arrivesMs > now)
            {
                _clock.AdvanceTo(_arrivesMs);
            }

            received = _reply.Length - _replyAt < count ? _reply.Length - _replyAt : count;
            System.Array.Copy(_reply, _replyAt, buffer, offset, received);
            _replyAt += received;
            if (_replyAt == _reply.Length)
            {
                _reply = null;
            }

            return LinkStatus.Ok;
        }

        public void DiscardInput()
        {
            if (_reply != null && _arrivesMs <= _clock.MonotonicMs)
            {
                _reply = null;
            }
        }

        /// <summary>A power-on: nothing is on the line.</summary>
        public void Reset()
        {
            _reply = null;
            _stalled = false;
        }
    }
}
