using System;
using System.Net.Sockets;
using System.Threading;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Runtime;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The local MODBUS TCP server on the home network (docs/local-access.md): a thread that follows the main loop's
    /// <see cref="LocalSwitch"/> (listening while it is on, on its port; a cloud config can turn it on, off or move it),
    /// an accept thread per listener and one thread per client, each a Core <see cref="ModbusServerSession"/> over the
    /// <see cref="RegisterImage"/>. At most <see cref="ServerLimits.MaxClients"/> at once (each thread and socket costs
    /// heap); one more is closed at once. A client idle for <see cref="ServerLimits.IdleTimeoutMs"/> or breaking the MBAP
    /// framing is closed. With the gateway on, a request for the map's own unit ids waits on its thread while the main
    /// loop puts it on the bus between polls (<see cref="GatewayDesk"/>).
    /// </summary>
    public sealed class ModbusTcpServer : SwitchFollower
    {
        private const int TickMicroseconds = 250000;
        private const int CheckMs = 1000;

        private readonly RegisterImage _image;
        private readonly IClock _clock;
        private readonly Log _log;
        private Socket _listener;
        private int _active;

        public ModbusTcpServer(RegisterImage image, IClock clock, Log log)
            : base(CheckMs)
        {
            _image = image;
            _clock = clock;
            _log = log;
        }

        protected override int SwitchVersion => _image.Switch.Version;

        protected override void Apply()
        {
            Socket old = _listener;
            _listener = null;
            if (old != null)
            {
                old.Close();
            }

            if (!_image.Switch.On)
            {
                return;
            }

            int port = _image.Switch.Port;
            string error;
            Socket listener = Listener.Open(port, ServerLimits.MaxClients + 2, out error);
            if (listener == null)
            {
                _log.Write(LogLevel.Error, "local", "cannot listen", "port", port.ToString(), "error", error);
                return;
            }

            _listener = listener;
            _log.Write(LogLevel.Info, "local", "modbus tcp server listening", "port", port.ToString(), "unit", _image.Switch.Unit.ToString());
            new Thread(() => AcceptLoop(listener)).Start();
        }

        private void AcceptLoop(Socket listener)
        {
            while (listener == _listener)
            {
                Socket client = Listener.TryAccept(listener);
                if (client == null)
                {
                    continue;
                }

                if (Interlocked.Increment(ref _active) > ServerLimits.MaxClients)
                {
                    Interlocked.Decrement(ref _active);
                    client.Close();
                    continue;
                }

                int unit = _image.Switch.Unit;
                new Thread(() => Serve(client, unit)).Start();
            }
        }

        private void Serve(Socket client, int unit)
        {
            try
            {
                client.SendTimeout = ServerLimits.SendTimeoutMs;
                Pump(client, new ModbusServerSession(_image, unit));
            }
            catch (Exception)
            {
                // The client vanished or was too slow to read; the connection ends with it.
            }

            client.Close();
            Interlocked.Decrement(ref _active);
        }

        /// <summary>Waits for the main loop to put the request on the bus between polls and answer it.</summary>
        private void AwaitGateway(ModbusServerSession session)
        {
            long giveUpAt = _clock.MonotonicMs + ServerLimits.GatewayWaitMs;
            while (!session.Collect())
            {
                if (_clock.MonotonicMs >= giveUpAt && session.GiveUp())
                {
                    return;
                }

                Thread.Sleep(ServerLimits.GatewayPollMs);
            }
        }

        private void Pump(Socket client, ModbusServerSession session)
        {
            var buffer = new byte[ModbusServerSession.MaxAdu];
            long lastMs = _clock.MonotonicMs;
            while (session.IsOpen && _clock.MonotonicMs - lastMs < ServerLimits.IdleTimeoutMs)
            {
                if (!client.Poll(TickMicroseconds, SelectMode.SelectRead))
                {
                    continue;
                }

                int received = client.Receive(buffer);
                if (received == 0)
                {
                    return;
                }

                lastMs = _clock.MonotonicMs;
                int offset = 0;
                while (offset < received && session.IsOpen)
                {
                    offset += session.Receive(buffer, offset, received - offset);
                    if (session.Waiting)
                    {
                        AwaitGateway(session);
                    }

                    if (session.ReplyLength > 0)
                    {
                        client.Send(session.Reply, 0, session.ReplyLength, SocketFlags.None);
                    }
                }
            }
        }
    }
}
