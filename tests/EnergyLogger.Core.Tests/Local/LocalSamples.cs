using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Telemetry;
using EnergyLogger.Core.Tests.Registers;

namespace EnergyLogger.Core.Tests.Local;

/// <summary>Samples as a map feeds them, with values set directly: what the local server is given each cycle.</summary>
internal static class LocalSamples
{
    /// <summary>A sample of the ready Deye SG04LP3 map (three phases, two MPPTs, a battery, the grid), every fed field good and 0.</summary>
    public static Sample Deye()
    {
        RegisterMap map = MapText.Load(File.ReadAllText(MapFiles.Path("deye-sg04lp3.json")));
        Sample sample = new TelemetryMapper(map, 0).CreateSample();
        for (int f = 0; f < TelemetrySchema.FieldCount; f++)
        {
            sample.Quality[f] = ValueQuality.Ok;
        }

        sample.Sequence = 77;
        return sample;
    }

    /// <summary>A sample of a map that feeds only these fields.</summary>
    public static Sample Feeding(params string[] paths)
    {
        string points = MapText.List(paths.Select((p, i) => $$"""{"name":"p{{i}}","address":{{i}},"type":"int16","target":"{{p}}"}""").ToArray());
        Sample sample = new TelemetryMapper(MapText.Load(MapText.With(points)), 0).CreateSample();
        for (int f = 0; f < TelemetrySchema.FieldCount; f++)
        {
            sample.Quality[f] = ValueQuality.Ok;
        }

        return sample;
    }

    public static void Set(this Sample sample, string path, double value, ValueQuality quality = ValueQuality.Ok)
    {
        int f = TelemetrySchema.IndexOf(path);
        if (TelemetrySchema.Field(f).Kind == FieldKind.Code)
        {
            sample.Codes[f] = (long)value;
        }
        else
        {
            sample.Values[f] = value;
        }

        sample.Quality[f] = quality;
    }

    /// <summary>Registers read back from an image through its public read.</summary>
    public static ushort[] Read(this EnergyLogger.Core.Local.RegisterImage image, int address, int count)
    {
        var bytes = new byte[2 * count];
        byte status = image.Read(address, count, bytes, 0);
        if (status != 0)
        {
            throw new InvalidOperationException($"exception {status} at {address}");
        }

        return Enumerable.Range(0, count).Select(i => (ushort)((bytes[2 * i] << 8) | bytes[(2 * i) + 1])).ToArray();
    }
}
