using System.Text.RegularExpressions;
using EnergyLogger.Core.Local;
using EnergyLogger.Core.Schema;
using EnergyLogger.Core.Tests.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Local;

/// <summary>The flat block's table in docs/local-access.md is what the encoder writes, row by row.</summary>
public class LocalAccessDocsTests
{
    [Fact]
    public void LocalAccessDoc_FlatBlockTable_MatchesTheEncoder()
    {
        string doc = File.ReadAllText(MapFiles.Repo("docs/local-access.md"));
        var rows = Regex.Matches(doc, @"^\| (\d+) \| `([a-z0-9_.]+)` \| (u?int32) \| ([0-9.]+)", RegexOptions.Multiline)
            .Select(m => (int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value))
            .ToList();

        var expected = Enumerable.Range(0, TelemetrySchema.FieldCount).Select(i =>
        {
            SchemaField field = TelemetrySchema.Field(i);
            int decimals = FlatBlock.Decimals(field);
            string scale = decimals == 0 ? "1" : "0." + new string('0', decimals - 1) + "1";
            return (FlatBlock.Offset(i), field.Path, FlatBlock.IsUnsigned(field) ? "uint32" : "int32", scale);
        }).ToList();
        Assert.Equal(expected, rows);
    }
}
