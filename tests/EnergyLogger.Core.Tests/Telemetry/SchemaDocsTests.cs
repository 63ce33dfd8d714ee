using System.Text.RegularExpressions;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Telemetry;

/// <summary>The documents say what the code does: the field table and the examples are checked against it.</summary>
public class SchemaDocsTests
{
    [Fact]
    public void TelemetryDoc_FieldTable_MatchesTheSchemaTable()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/telemetry-schema.md"));
        string fields = doc[doc.IndexOf("## Fields", StringComparison.Ordinal)..];
        var rows = Regex.Matches(fields, @"^\| `([a-z0-9_.]+)` \| ([^|]+) \|", RegexOptions.Multiline)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim() == "–" ? "" : m.Groups[2].Value.Trim()))
            .ToList();

        var expected = Enumerable.Range(0, TelemetrySchema.FieldCount).Select(i => (TelemetrySchema.Field(i).Path, TelemetrySchema.Field(i).Unit)).ToList();
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void RegisterMapDoc_Example_Loads()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/register-map.md"));
        string example = Regex.Matches(doc, "```json\n(.*?)```", RegexOptions.Singleline).Last().Groups[1].Value;

        RegisterMap map = MapText.Load(example);

        Assert.Equal(5, map.TelemetryCount);
    }

    [Fact]
    public void TelemetryDoc_Example_IsWhatTheWriterProducesForTheGoldenCycle()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/telemetry-schema.md"));
        string example = Regex.Match(doc, "```json\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

        Assert.Equal(SampleWriterTests.GoldenDocument, Regex.Replace(example, @"\n\s*", string.Empty));
    }
}
