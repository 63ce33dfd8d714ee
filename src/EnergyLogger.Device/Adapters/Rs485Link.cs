using System;
using System.IO.Ports;
using System.Threading;
using EnergyLogger.Core.Ports;
using nanoFramework.Hardware.Esp32;

namespace EnergyLogger.Device.Adapters
{
    /// <summary>
    /// The dongle's RS-485 transceiver on an ESP32-S3 UART. In SerialMode.RS485 the ESP-IDF driver
    /// raises RTS while sending, so the RTS pin drives the transceiver's DE/RE and no GPIO timing is
    /// needed in managed code.
    /// </summary>
    public sealed class Rs485Link : IByteLink, IDisposable
    {
        private readonly SerialPort _port;
        private readonly AutoResetEvent _dataArrived = new AutoResetEvent(false);
        private readonly byte[] _discard = new byte[64];

        /// <param name="comPort">2 or 3: COM1 is the debug UART when the Wire Protocol runs on it.</param>
        public Rs485Link(int comPort, int rxPin, int txPin, int dePin, int baudRate, Parity parity, StopBits stopBits)
        {
            AssignPins(comPort, rxPin, txPin, dePin);
            _port = new SerialPort("COM" + comPort, baudRate, parity, 8, stopBits)
            {
                Mode = SerialMode.RS485,
                Handshake = Handshake.None,
                ReadTimeout = 0,
                // A stuck transmitter must not hang the main loop: a 256-byte frame at 1200 baud takes 2.3 s.
                WriteTimeout = 3000,
                ReadBufferSize = 512,
            };
            _port.DataReceived += (sender, e) => _dataArrived.Set();
            _port.Open();
        }

        public LinkStatus Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
                return LinkStatus.Ok;
            }
            catch (Exception)
            {
                return LinkStatus.Error;
            }
        }

        public LinkStatus Read(byte[] buffer, int offset, int count, int timeoutMs, out int received)
        {
            received = 0;
            try
            {
                long until = Environment.TickCount64 + timeoutMs;
                while (_port.BytesToRead == 0)
                {
                    // The event may be left over from bytes already read, so wait again until the real deadline.
                    long remaining = until - Environment.TickCount64;
                    if (remaining <= 0)
                    {
                        return LinkStatus.Timeout;
                    }

                    _dataArrived.WaitOne((int)remaining, false);
                }

                int available = _port.BytesToRead;
                received = _port.Read(buffer, offset, available < count ? available : count);
                return received > 0 ? LinkStatus.Ok : LinkStatus.Timeout;
            }
            catch (Exception)
            {
                return LinkStatus.Error;
            }
        }

        public void DiscardInput()
        {
            // SerialPort on nanoFramework has no DiscardInBuffer; ReadExisting would allocate a string.
            try
            {
                while (_port.BytesToRead > 0)
                {
                    int available = _port.BytesToRead;
                    _port.Read(_discard, 0, available < _discard.Length ? available : _discard.Length);
                }
            }
            catch (Exception)
            {
                // A failing port shows up on the next Write or Read, where it is reported.
            }
        }

        public void Dispose()
        {
            _port.Close();
            _port.Dispose();
        }

        /// <summary>TX, RX and RTS must be mapped before Open; an unmapped RTS would leave DE/RE undriven.</summary>
        private static void AssignPins(int comPort, int rxPin, int txPin, int dePin)
        {
            switch (comPort)
            {
                case 2:
                    Configuration.SetPinFunction(rxPin, DeviceFunction.COM2_RX);
                    Configuration.SetPinFunction(txPin, DeviceFunction.COM2_TX);
                    Configuration.SetPinFunction(dePin, DeviceFunction.COM2_RTS);
                    break;
                case 3:
                    Configuration.SetPinFunction(rxPin, DeviceFunction.COM3_RX);
                    Configuration.SetPinFunction(txPin, DeviceFunction.COM3_TX);
                    Configuration.SetPinFunction(dePin, DeviceFunction.COM3_RTS);
                    break;
                default:
                    throw new ArgumentException("RS-485 needs COM2 or COM3");
            }
        }
    }
}
