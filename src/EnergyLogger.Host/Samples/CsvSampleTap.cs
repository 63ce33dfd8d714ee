using EnergyLogger.Core.Ports;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Host.Samples;

/// <summary>
/// <c>run --csv-dir</c>: every sample the loop stores also goes to the daily CSV log, named by its device: the main
/// endpoint by the map's first device id, another endpoint by its own name. The log must never stop the loop, so a
/// write that fails (disk full, folder gone) is reported once per kind of failure and the loop goes on.
/// </summary>
internal sealed class CsvSampleTap(DailyCsvLog log, RegisterMap? map, Action<string> report) : ISampleTap
{
    private string? _lastProblem;

    public void Take(int endpointGroup, byte[] json, int length)
    {
        string device = DeviceName(endpointGroup);
        try
        {
            IReadOnlyList<SampleRecord>? samples = SampleRecord.ParseMessage(json.AsSpan(0, length), out string? error);
            if (samples is null)
            {
                Problem($"a sample could not be read back: {error}");
                return;
            }

            foreach (SampleRecord sample in samples)
            {
                log.Write(device, sample);
            }

            _lastProblem = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Problem($"cannot write the CSV log of {device}: {e.Message}");
        }
    }

    private string DeviceName(int group)
    {
        string name = map is null ? "logger"
            : group == 0 ? map.Devices[0].Id
            : group < map.Endpoints.Length ? map.Endpoints[group] : $"endpoint{group}";
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
    }

    private void Problem(string text)
    {
        if (text != _lastProblem)
        {
            _lastProblem = text;
            report(text);
        }
    }
}
