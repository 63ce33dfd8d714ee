using System;
using System.IO.Ports;
using System.Threading;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Device.Adapters;

namespace EnergyLogger.Device
{
    /// <summary>
    /// Entry point on the dongle. This build brings up the field bus: it opens the RS-485 port and reads
    /// the first holding registers of slave 1 every ten seconds, logging each result to the console
    /// (USB CDC), which checks wiring, baud rate and slave id on a real inverter.
    /// </summary>
    public static class Program
    {
        private const byte Slave = 1;
        private const int PollIntervalMs = 10000;

        public static void Main()
        {
            Console.WriteLine("energy-logger: RS-485 bring-up on COM" + BoardPins.Rs485ComPort + " 9600 8N1, slave " + Slave);
            var link = new Rs485Link(BoardPins.Rs485ComPort, BoardPins.Rs485Rx, BoardPins.Rs485Tx, BoardPins.Rs485DriverEnable, 9600, Parity.None, StopBits.One);
            var master = new ModbusMaster(link, new DeviceClock(), new RtuFramer(), new MasterOptions());
            var registers = new ushort[2];
            while (true)
            {
                ModbusResult result = master.ReadRegisters(Slave, FunctionCode.ReadHoldingRegisters, 0, registers.Length, registers, 0);
                if (result.IsOk)
                {
                    Console.WriteLine("slave " + Slave + " holding 0..1: " + registers[0] + " " + registers[1]);
                }
                else
                {
                    Console.WriteLine("slave " + Slave + ": " + result.ToString() + " after " + result.Attempts + " attempt(s)");
                }

                Thread.Sleep(PollIntervalMs);
            }
        }
    }
}
