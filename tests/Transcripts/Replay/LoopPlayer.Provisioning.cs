// Shared with the nanoFramework test assemblies: C# 9, no generics, no nullable annotations.
#nullable disable
using System;
using System.Text;
using EnergyLogger.Core.Provisioning;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Transcripts
{
    /// <summary>
    /// One installer's connection to port 4242, served as the board's ProvisioningServer serves it: the welcome (the
    /// greeting, or the refusal of a locked port), one reply per line (<c>tcp&gt;</c>), the idle check while the loop
    /// runs, and a restart into station mode once the settings were applied.
    /// </summary>
    public sealed partial class LoopPlayer
    {
        /// <summary>Idle time before the session is closed (the board's ProvisioningIdleMs).</summary>
        public const int ProvisioningIdleMs = 60000;

        private ProvisioningSession _session;
        private AuthGate _gate;

        /// <summary><c>tcp open</c>, <c>tcp&lt; LINE</c> (a payload: text, or hex: bytes), <c>tcp repeat N TEXT</c>, <c>tcp close</c>.</summary>
        private bool DoTcp(string verb, string rest)
        {
            if (verb == "tcp<")
            {
                byte[] line = TranscriptCodec.PayloadBytes(rest);
                Send(line, line.Length);
                return true;
            }

            if (verb != "tcp")
            {
                return false;
            }

            string what = TranscriptCodec.First(rest);
            if (what == "open")
            {
                // The board serves port 4242 in provisioning and safe mode only (Program.cs).
                if (_loop == null || _boot.Mode == RunMode.Normal)
                {
                    throw new InvalidOperationException("tcp open: port 4242 is served in provisioning and safe mode only");
                }

                // One gate per boot, as the board's one listener has (Program.cs): wrong codes count across connections.
                if (_gate == null)
                {
                    _gate = new AuthGate(_boot.Label, _clock);
                }

                _session = new ProvisioningSession(_boot.SettingsStore, _clock, ProvisioningIdleMs, _gate);
                _out.Record("tcp> " + _session.Welcome());
                Closed();
            }
            else if (what == "repeat")
            {
                // tcp repeat N TEXT: TEXT N times in one line, for the line cap.
                string[] words = rest.Split(' ');
                var text = new StringBuilder();
                for (int i = int.Parse(words[1]); i > 0; i--)
                {
                    text.Append(words[2]);
                }

                byte[] line = Encoding.UTF8.GetBytes(text.ToString());
                Send(line, line.Length);
            }
            else if (what == "close")
            {
                _session = null;
            }
            else
            {
                throw new ArgumentException("tcp: open, close, repeat or tcp< LINE");
            }

            return true;
        }

        /// <summary>The client's bytes and CR LF, fed as the server's pump feeds them.</summary>
        private void Send(byte[] line, int count)
        {
            if (_session == null)
            {
                throw new InvalidOperationException("tcp: no connection is open");
            }

            var data = new byte[count + 2];
            Array.Copy(line, data, count);
            data[count] = 0x0D;
            data[count + 1] = 0x0A;
            int offset = 0;
            while (offset < data.Length && _session.IsOpen)
            {
                offset += _session.Receive(data, offset, data.Length - offset);
                if (_session.Reply != null)
                {
                    _out.Record("tcp> " + _session.Reply);
                }
            }

            Closed();
        }

        private void CheckSessionIdle()
        {
            if (_session != null && _session.CheckIdle())
            {
                _out.Record("tcp> " + _session.Reply);
                Closed();
            }
        }

        /// <summary>The server closes an ended session; settings applied restart the board (Program.Applied).</summary>
        private void Closed()
        {
            if (_session.IsOpen)
            {
                return;
            }

            _out.Record("tcp closed");
            if (_session.End == SessionEnd.Applied && _loop != null)
            {
                _loop.SettingsApplied();
            }

            _session = null;
        }
    }
}
