using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Cli;

/// <summary>What read and write share once their options are checked: opening the bus and reporting failures as one line, exit 1.</summary>
internal static class BusCommand
{
    /// <summary>Opens the bus, runs <paramref name="work"/> with a master on it and closes the bus again.</summary>
    public static int Run(string verb, BusSettings settings, Func<ModbusMaster, int> work)
    {
        Bus bus;
        try
        {
            bus = Bus.Open(settings);
        }
        catch (LinkOpenException e)
        {
            return Fail(verb, e.Message);
        }

        using (bus)
        {
            return work(bus.CreateMaster(new SystemClock()));
        }
    }

    public static int Fail(string verb, string message)
    {
        ConsoleOutput.Failed($"energylogger {verb}", message);
        return 1;
    }

    /// <summary>One line naming the status, e.g. "slave 1 answered exception 02 (illegal data address)".</summary>
    public static string Describe(ModbusResult result, byte slave, BusSettings settings)
    {
        string tries = result.Attempts == 1 ? "1 attempt" : $"{result.Attempts} attempts";
        return result.Status switch
        {
            ModbusStatus.Exception => $"slave {slave} answered exception {result.ExceptionCode:X2} ({ExceptionName(result.ExceptionCode)})",
            ModbusStatus.Timeout => $"slave {slave} did not answer within {settings.TimeoutMs} ms (timeout, {tries})",
            ModbusStatus.CrcError => $"slave {slave} answered with a bad CRC (CRC error, {tries})",
            ModbusStatus.Truncated => $"the reply of slave {slave} stopped short (truncated, {tries})",
            ModbusStatus.WrongSlave => $"a slave other than {slave} answered (wrong slave, {tries})",
            ModbusStatus.BadResponse => $"slave {slave} sent a reply that does not match the request (bad response)",
            ModbusStatus.LinkError => $"the link to {settings.Describe()} failed (link error)",
            _ => $"request not sent ({ModbusStatusText.Of(result.Status)})",
        };
    }

    /// <summary>MODBUS Application Protocol v1.1b3, 7.</summary>
    private static string ExceptionName(byte code) => code switch
    {
        ExceptionCode.IllegalFunction => "illegal function",
        ExceptionCode.IllegalDataAddress => "illegal data address",
        ExceptionCode.IllegalDataValue => "illegal data value",
        ExceptionCode.SlaveDeviceFailure => "slave device failure",
        ExceptionCode.Acknowledge => "acknowledge",
        ExceptionCode.SlaveDeviceBusy => "slave device busy",
        0x08 => "memory parity error",
        ExceptionCode.GatewayPathUnavailable => "gateway path unavailable",
        ExceptionCode.GatewayTargetFailedToRespond => "gateway target failed to respond",
        _ => "unknown exception",
    };
}
