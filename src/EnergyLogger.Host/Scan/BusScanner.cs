using System.Diagnostics;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Host.Links;

namespace EnergyLogger.Host.Scan;

/// <summary>A slave that answered a probe: at which line setting, and how (a value, or an exception that still proves it is there).</summary>
internal sealed record ScanHit(LineSetting Setting, byte Slave, string Answer);

/// <summary>Where a scan is: for a progress bar and the time left.</summary>
internal sealed record ScanProgress(int Done, int Total, LineSetting Setting, byte Slave, TimeSpan Elapsed, TimeSpan Left, int Found);

/// <summary>What a scan found, and what it could not try.</summary>
internal sealed record ScanResult(IReadOnlyList<ScanHit> Found, IReadOnlyDictionary<LineSetting, int> Garbled, IReadOnlyList<string> Problems,
    int Probes, TimeSpan Elapsed, bool StoppedEarly, bool Cancelled);

/// <summary>
/// Finds what is on a bus: at each line setting of the plan it asks every slave id for holding register 0 (FC03).
/// Any well-formed reply counts, an exception too (a slave that refuses address 0 is still there), except the
/// gateway exceptions 0A and 0B, with which a MODBUS TCP gateway says nobody is behind that unit id. Replies that
/// arrive garbled (CRC error, stopped short, another slave's id) are counted per setting: a device may be there at
/// other line settings. Once a setting has found a device the scan finishes that setting's ids and stops, since the
/// devices of one bus share its line settings, unless told to keep going.
/// </summary>
internal sealed class BusScanner(Func<LineSetting, Bus> open)
{
    private const int ProbeAddress = 0;

    public ScanResult Run(ScanPlan plan, bool keepGoing, Action<ScanProgress> progress, CancellationToken stop)
    {
        var found = new List<ScanHit>();
        var garbled = new Dictionary<LineSetting, int>();
        var problems = new List<string>();
        var watch = Stopwatch.StartNew();
        var reply = new ushort[1];
        int done = 0;
        bool stoppedEarly = false;
        foreach (LineSetting setting in plan.Settings)
        {
            if (stop.IsCancellationRequested || (found.Count > 0 && !keepGoing))
            {
                stoppedEarly = found.Count > 0;
                break;
            }

            Bus bus;
            try
            {
                bus = open(setting);
            }
            catch (LinkOpenException e)
            {
                problems.Add($"{setting}: {e.Message}");
                done += plan.Ids.Count;
                continue;
            }

            using (bus)
            {
                ModbusMaster master = bus.CreateMaster(new SystemClock());
                foreach (byte slave in plan.Ids)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    progress(new ScanProgress(done, plan.Probes, setting, slave, watch.Elapsed, Left(plan, done, watch.Elapsed), found.Count));
                    ModbusResult result = master.ReadRegisters(slave, FunctionCode.ReadHoldingRegisters, ProbeAddress, 1, reply, 0);
                    done++;
                    switch (result.Status)
                    {
                        case ModbusStatus.Ok:
                            found.Add(new ScanHit(setting, slave, $"holding register 0 = {reply[0]}"));
                            break;
                        case ModbusStatus.Exception when result.ExceptionCode is not (ExceptionCode.GatewayPathUnavailable or ExceptionCode.GatewayTargetFailedToRespond):
                            found.Add(new ScanHit(setting, slave, $"exception {result.ExceptionCode:X2} to holding register 0"));
                            break;
                        case ModbusStatus.CrcError or ModbusStatus.Truncated or ModbusStatus.WrongSlave or ModbusStatus.BadResponse:
                            garbled[setting] = garbled.GetValueOrDefault(setting) + 1;
                            break;
                    }
                }
            }
        }

        progress(new ScanProgress(done, plan.Probes, plan.Settings[^1], 0, watch.Elapsed, TimeSpan.Zero, found.Count));
        return new ScanResult(found, garbled, problems, done, watch.Elapsed, stoppedEarly, stop.IsCancellationRequested);
    }

    /// <summary>The probes left at the pace so far; before the first, the worst case (every probe times out).</summary>
    private static TimeSpan Left(ScanPlan plan, int done, TimeSpan elapsed) =>
        done == 0 ? plan.WorstCase : TimeSpan.FromTicks(elapsed.Ticks / done * (plan.Probes - done));
}
