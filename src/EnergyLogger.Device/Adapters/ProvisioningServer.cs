using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Provisioning;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>Called once a session has stored new settings and the client has its reply.</summary>
    public delegate void SettingsApplied();

    /// <summary>
    /// TCP port 4242 on the soft-AP: an accept thread and one thread per session, at most
    /// <c>maxSessions</c> of them; a connection beyond that is answered <c>error busy</c> and closed
    /// (RELIABILITY P3). The protocol itself is Core's <see cref="ProvisioningSession"/>; its sessions share
    /// one <see cref="AuthGate"/>, so wrong codes count across connections.
    /// </summary>
    public sealed class ProvisioningServer
    {
        public const int Port = 4242;
        private const int TickMicroseconds = 250000;
        private const int SendTimeoutMs = 5000;

        // Ticks a session reads on after its last reply, for the client's own close: lwIP answers the close of a
        // socket with unread input with a reset, which can destroy that reply on its way.
        private const int LingerTicks = 4;

        private readonly SettingsRepository _settings;
        private readonly IClock _clock;
        private readonly AuthGate _gate;
        private readonly int _maxSessions;
        private readonly int _idleTimeoutMs;
        private readonly SettingsApplied _applied;
        private int _active;

        public ProvisioningServer(SettingsRepository settings, IClock clock, AuthGate gate, int maxSessions, int idleTimeoutMs, SettingsApplied applied)
        {
            _settings = settings;
            _clock = clock;
            _gate = gate;
            _maxSessions = maxSessions;
            _idleTimeoutMs = idleTimeoutMs;
            _applied = applied;
        }

        /// <summary>Binds port 4242 on every address and serves it from a thread of its own.</summary>
        public void Start()
        {
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Any, Port));
            listener.Listen(_maxSessions + 2);
            new Thread(() => AcceptLoop(listener)).Start();
        }

        private void AcceptLoop(Socket listener)
        {
            while (true)
            {
                Socket client = Listener.TryAccept(listener);
                if (client == null)
                {
                    continue;
                }

                if (Interlocked.Increment(ref _active) > _maxSessions)
                {
                    Interlocked.Decrement(ref _active);
                    Refuse(client);
                    continue;
                }

                new Thread(() => Serve(client)).Start();
            }
        }

        private void Refuse(Socket client)
        {
            try
            {
                client.SendTimeout = SendTimeoutMs;
                Send(client, ProtocolReply.Error("busy", _maxSessions.ToString() + " sessions are open; try again later"));

                // Input already there is read, not left for the close to answer with a reset; the accept loop waits for nothing more.
                var discard = new byte[64];
                while (client.Available > 0)
                {
                    client.Receive(discard);
                }
            }
            catch (Exception)
            {
                // The client left already.
            }

            client.Close();
        }

        private void Serve(Socket client)
        {
            var session = new ProvisioningSession(_settings, _clock, _idleTimeoutMs, _gate);
            try
            {
                client.SendTimeout = SendTimeoutMs;
                Send(client, session.Welcome());
                Pump(client, session);
            }
            catch (Exception)
            {
                // The client vanished; the session ends with it.
            }

            client.Close();
            Interlocked.Decrement(ref _active);
            if (session.End == SessionEnd.Applied)
            {
                _applied();
            }
        }

        private static void Pump(Socket client, ProvisioningSession session)
        {
            var buffer = new byte[256];
            while (session.IsOpen)
            {
                if (client.Poll(TickMicroseconds, SelectMode.SelectRead))
                {
                    int received = client.Receive(buffer);
                    if (received == 0)
                    {
                        return;
                    }

                    int offset = 0;
                    while (offset < received && session.IsOpen)
                    {
                        offset += session.Receive(buffer, offset, received - offset);
                        if (session.Reply != null)
                        {
                            Send(client, session.Reply);
                        }
                    }
                }

                if (session.CheckIdle())
                {
                    Send(client, session.Reply);
                }
            }

            DrainBeforeClose(client, buffer);
        }

        /// <summary>Reads and drops what the client still sends after the session ended, until it closes or the linger runs out.</summary>
        private static void DrainBeforeClose(Socket client, byte[] buffer)
        {
            for (int tick = 0; tick < LingerTicks; tick++)
            {
                if (client.Poll(TickMicroseconds, SelectMode.SelectRead) && client.Receive(buffer) == 0)
                {
                    return;
                }
            }
        }

        private static void Send(Socket client, string reply)
        {
            client.Send(Encoding.UTF8.GetBytes(reply + "\r\n"));
        }
    }
}
