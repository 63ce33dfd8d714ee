using EnergyLogger.Core.Cloud;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Tests.Registers;
using EnergyLogger.Core.Tests.Telemetry;
using Xunit;
using Xunit.Abstractions;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>The numbers behind "Outbox sizing" in docs/cloud.md, measured on the ready maps.</summary>
public class OutboxSizingTests
{
    private readonly ITestOutputHelper _out;

    public OutboxSizingTests(ITestOutputHelper output)
    {
        _out = output;
    }

    [Theory]
    [InlineData("deye-sg04lp3.json", 1200, 1700)]
    [InlineData("growatt-sph.json", 1000, 1500)]
    public void Sample_ReadyMapEveryPointValid_SizeWithinTheDocumentedRange(string file, int min, int max)
    {
        var f = new SampleFixture(File.ReadAllText(MapFiles.Path(file)));
        var image = new ushort[1200];
        for (int a = 0; a < image.Length; a++)
        {
            image[a] = (ushort)(1234 + a % 7);
        }

        for (int d = 0; d < f.Map.Devices.Length; d++)
        {
            foreach (FunctionCode fc in new[] { FunctionCode.ReadHoldingRegisters, FunctionCode.ReadInputRegisters })
            {
                f.Frame.Deliver(d, fc, 0, image, 0, image.Length);
            }
        }

        int bytes = f.Cycle().Length;
        _out.WriteLine($"{file}: {bytes} bytes per sample");
        Assert.InRange(bytes, min, max);

        // With the default cap and its per-record header, how many such samples the outbox keeps.
        var options = new OutboxOptions();
        int perSegment = options.SegmentBytes / (bytes + OutboxRecord.HeaderBytes);
        _out.WriteLine($"{perSegment * options.MaxSegments} samples in {options.CapBytes / 1024} KB");
        Assert.True(perSegment * options.MaxSegments >= options.CapBytes / (max + OutboxRecord.HeaderBytes));
    }
}
