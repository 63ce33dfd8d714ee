using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Vectors;
using Xunit;

namespace EnergyLogger.Core.Tests.Json;

public class JsonNumberFormatTests
{
    private static string Format(double value, int significant = 12, int decimals = 6)
    {
        var buf = new byte[JsonNumberFormat.MaxLength];
        int n = JsonNumberFormat.Write(value, significant, decimals, buf, 0);
        return Encoding.ASCII.GetString(buf, 0, n);
    }

    public static TheoryData<int> VectorIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < NumberFormatVectors.Value.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndexes))]
    public void Write_SharedVector_GivesTheExpectedText(int i)
    {
        Assert.Equal(NumberFormatVectors.Text[i], Format(NumberFormatVectors.Value[i], NumberFormatVectors.Significant[i], NumberFormatVectors.Decimals[i]));
    }

    [Theory]
    [InlineData(0.7 * 3, 12, 6, "2.1")]
    [InlineData(-0.0000005, 12, 6, "-0.000001")]
    [InlineData(9.99999999999999e16, 12, 6, "1e+17")]
    [InlineData(1.23456789012345e18, 5, 6, "1.2346e+18")]
    [InlineData(0.05, 1, 6, "0.05")]
    [InlineData(1234.5678, 6, 1, "1234.6")]
    public void Write_MoreCases_GiveTheExpectedText(double value, int significant, int decimals, string expected)
    {
        Assert.Equal(expected, Format(value, significant, decimals));
    }

    [Fact]
    public void Write_PrecisionOutsideLimits_IsAProgrammerError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonNumberFormat.Write(1, 16, 6, new byte[32], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonNumberFormat.Write(1, 12, 10, new byte[32], 0));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Write_NotFinite_WritesNothing(double value)
    {
        Assert.Equal(0, JsonNumberFormat.Write(value, 12, 6, new byte[32], 0));
    }

    [Fact]
    public void Write_Output_IsValidJsonThatReadsBackWithinPrecision()
    {
        var random = new Random(1234);
        var doc = new JsonDocument();
        for (int i = 0; i < 20000; i++)
        {
            double magnitude = Math.Pow(10, random.Next(-6, 20));
            double value = (random.NextDouble() - 0.5) * magnitude;
            string text = Format(value);

            Assert.Equal(JsonStatus.Ok, doc.Parse(text, new JsonLimits()));
            Assert.True(doc.TryGetDouble(JsonDocument.Root, out double back));
            double tolerance = Math.Max(Math.Abs(value) * 1e-11, 0.5e-6);
            Assert.True(Math.Abs(back - value) <= tolerance, $"{value:R} -> {text}");
            Assert.True(text.Length <= JsonNumberFormat.MaxLength);
        }
    }

    [Fact]
    public void WriteInteger_Extremes_AreExact()
    {
        var buf = new byte[32];

        Assert.Equal("-9223372036854775808", Encoding.ASCII.GetString(buf, 0, JsonNumberFormat.WriteInteger(long.MinValue, buf, 0)));
        Assert.Equal("9223372036854775807", Encoding.ASCII.GetString(buf, 0, JsonNumberFormat.WriteInteger(long.MaxValue, buf, 0)));
        Assert.Equal("18446744073709551615", Encoding.ASCII.GetString(buf, 0, JsonNumberFormat.WriteDigits(ulong.MaxValue, buf, 0)));
        Assert.Equal("0", Encoding.ASCII.GetString(buf, 0, JsonNumberFormat.WriteInteger(0, buf, 0)));
    }
}
