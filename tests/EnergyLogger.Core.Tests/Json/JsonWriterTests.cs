using System.Text;
using EnergyLogger.Core.Json;
using Xunit;

namespace EnergyLogger.Core.Tests.Json;

public class JsonWriterTests
{
    [Fact]
    public void Write_NestedDocument_IsCompactAndInWrittenOrder()
    {
        var w = new JsonWriter(256, 8);
        w.BeginObject();
        w.Name("v"); w.Integer(1);
        w.Name("grid"); w.BeginObject();
        w.Name("power"); w.Number(-1234.5);
        w.Name("l1"); w.BeginObject(); w.Name("voltage"); w.Number(229.70000000000002); w.EndObject();
        w.EndObject();
        w.Name("texts"); w.BeginArray(); w.String("a"); w.String("b"); w.EndArray();
        w.Name("empty"); w.BeginArray(); w.EndArray();
        w.Name("ok"); w.Bool(true);
        w.Name("none"); w.Null();
        w.Name("big"); w.Unsigned(ulong.MaxValue);
        w.EndObject();

        Assert.False(w.Overflowed);
        Assert.Equal("""{"v":1,"grid":{"power":-1234.5,"l1":{"voltage":229.7}},"texts":["a","b"],"empty":[],"ok":true,"none":null,"big":18446744073709551615}""", w.Text());
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    [InlineData("°C é €", "\"°C é €\"")]
    [InlineData("😀", "\"😀\"")]
    public void String_SpecialCharacters_AreEscapedOrUtf8(string value, string expected)
    {
        var w = new JsonWriter(64, 2);
        w.String(value);

        Assert.Equal(expected, w.Text());
        Assert.Equal(JsonStatus.Ok, new JsonDocument().Parse(w.Buffer, 0, w.Length, new JsonLimits()));
    }

    [Fact]
    public void String_LoneSurrogate_IsWrittenAsAnEscape()
    {
        // Built at run time: attribute arguments cannot carry a lone surrogate.
        var w = new JsonWriter(64, 2);
        w.String(new string(new[] { (char)0xD800, 'x' }));

        Assert.Equal("\"\\ud800x\"", w.Text());
    }

    [Fact]
    public void Number_NotFinite_WritesNull()
    {
        var w = new JsonWriter(64, 2);
        w.BeginArray(); w.Number(double.NaN); w.Number(double.PositiveInfinity); w.EndArray();

        Assert.Equal("[null,null]", w.Text());
    }

    [Fact]
    public void Write_PastCapacity_StopsAndFlagsOverflow()
    {
        var w = new JsonWriter(10, 2);
        w.BeginObject(); w.Name("name"); w.String("longer than ten"); w.EndObject();

        Assert.True(w.Overflowed);
        Assert.True(w.Length <= 10);
    }

    [Fact]
    public void Reset_ReusesTheBufferWithoutAllocating()
    {
        var w = new JsonWriter(128, 4);
        void Cycle()
        {
            w.Reset();
            w.BeginObject(); w.Name("p"); w.Number(1234.5678); w.Name("n"); w.Integer(-42); w.Name("s"); w.String("standby"); w.EndObject();
        }

        Cycle();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Cycle();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("""{"p":1234.5678,"n":-42,"s":"standby"}""", Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
    }

    [Fact]
    public void Close_WithoutOpen_IsAProgrammerError()
    {
        Assert.Throws<InvalidOperationException>(() => new JsonWriter(8, 2).EndObject());
    }
}
