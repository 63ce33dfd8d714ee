using System.Text;
using EnergyLogger.Core.Json;
using Xunit;

namespace EnergyLogger.Core.Tests.Json;

public class JsonDocumentTests
{
    private static JsonDocument Parse(string text, JsonLimits? limits = null)
    {
        var doc = new JsonDocument();
        doc.Parse(text, limits ?? new JsonLimits());
        return doc;
    }

    [Fact]
    public void Parse_NestedDocument_BuildsNavigableTokens()
    {
        JsonDocument doc = Parse("""{"name":"deye","points":[{"a":1},{"a":2.5e1}],"ok":true,"none":null,"off":false}""");

        Assert.Equal(JsonStatus.Ok, doc.Status);
        Assert.Equal(JsonKind.Object, doc.Kind(JsonDocument.Root));
        Assert.Equal(5, doc.Length(JsonDocument.Root));
        Assert.Equal("deye", doc.GetString(doc.Member(JsonDocument.Root, "name")));
        int points = doc.Member(JsonDocument.Root, "points");
        Assert.Equal(JsonKind.Array, doc.Kind(points));
        Assert.Equal(2, doc.Length(points));
        Assert.True(doc.TryGetDouble(doc.Member(doc.Element(points, 1), "a"), out double a));
        Assert.Equal(25.0, a);
        Assert.True(doc.IsTrue(doc.Member(JsonDocument.Root, "ok")));
        Assert.Equal(JsonKind.Null, doc.Kind(doc.Member(JsonDocument.Root, "none")));
        Assert.Equal(JsonKind.False, doc.Kind(doc.Member(JsonDocument.Root, "off")));
        Assert.Equal(-1, doc.Member(JsonDocument.Root, "missing"));
        Assert.Equal(-1, doc.Element(points, 2));
    }

    [Fact]
    public void Parse_EmptyContainers_HaveNoChildren()
    {
        JsonDocument doc = Parse("""{"a":{},"b":[]}""");

        Assert.Equal(JsonStatus.Ok, doc.Status);
        Assert.Equal(0, doc.Length(doc.Member(JsonDocument.Root, "a")));
        Assert.Equal(-1, doc.FirstChild(doc.Member(JsonDocument.Root, "b")));
    }

    [Theory]
    [InlineData("\uFEFF{\"a\":1}")]
    [InlineData("\uFEFF  [1]")]
    public void Parse_LeadingByteOrderMark_IsSkipped(string text)
    {
        JsonDocument doc = Parse(text);

        Assert.Equal(JsonStatus.Ok, doc.Status);
        Assert.Equal(1, doc.Length(JsonDocument.Root));
    }

    [Theory]
    [InlineData("{\"a\":1}\uFEFF", JsonStatus.TrailingData)]
    [InlineData("\uFEFF\uFEFF{}", JsonStatus.ExpectedValue)]
    [InlineData("\uFEFF", JsonStatus.Empty)]
    public void Parse_ByteOrderMarkAnywhereButTheStart_IsAnError(string text, JsonStatus expected)
    {
        Assert.Equal(expected, Parse(text).Status);
    }

    [Theory]
    [InlineData("[1,2,3,4,5,6,7,8,9,10]", JsonStatus.TooLarge, "document too large: 22 bytes, the limit is 16")]
    [InlineData("[[[[1]]]]", JsonStatus.TooDeep, "nesting too deep: the limit is 3 levels")]
    [InlineData("[1,2,3,4,5]", JsonStatus.TooManyValues, "too many values: the limit is 4")]
    [InlineData("[\"abcdefgh\"]", JsonStatus.StringTooLong, "string too long: the limit is 6 bytes")]
    [InlineData("[1,]", JsonStatus.ExpectedValue, "expected a value")]
    public void ErrorText_ALimitPassed_StatesTheLimit(string text, JsonStatus status, string expected)
    {
        JsonDocument doc = Parse(text, new JsonLimits { MaxBytes = 16, MaxDepth = 3, MaxValues = 4, MaxStringBytes = 6 });

        Assert.Equal((status, expected), (doc.Status, doc.ErrorText));
    }

    [Theory]
    [InlineData(@"""a\""b""", "a\"b")]
    [InlineData(@"""\\\/\b\f\n\r\t""", "\\/\b\f\n\r\t")]
    [InlineData(@"""\u00e9\u20AC""", "é€")]
    [InlineData(@"""\ud83d\ude00""", "😀")]
    [InlineData("\"grüße 😀\"", "grüße 😀")]
    public void GetString_EscapesAndUtf8_Decodes(string json, string expected)
    {
        JsonDocument doc = Parse(json);

        Assert.Equal(JsonStatus.Ok, doc.Status);
        Assert.Equal(expected, doc.GetString(JsonDocument.Root));
        Assert.True(doc.StringEquals(JsonDocument.Root, expected));
        Assert.False(doc.StringEquals(JsonDocument.Root, expected + "x"));
    }

    [Fact]
    public void StringEquals_Utf8BytesThatLookLikeLatin1Chars_AreNotEqual()
    {
        // "éa" is C3 A9 61 in UTF-8; "\u00c3\u00a9a" has the same three values as chars.
        JsonDocument doc = Parse("\"éa\"");

        Assert.False(doc.StringEquals(JsonDocument.Root, "\u00c3\u00a9a"));
        Assert.True(doc.StringEquals(JsonDocument.Root, "éa"));
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-0", 0.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("-12.5", -12.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1E-3", 0.001)]
    [InlineData("2.5e+2", 250.0)]
    [InlineData("0.0001", 0.0001)]
    [InlineData("123456789012345678901234", 1.2345678901234568e23)]
    [InlineData("1e300", 1e300)]
    [InlineData("4294967295", 4294967295.0)]
    public void TryGetDouble_ValidNumbers_ParseToNearestDouble(string json, double expected)
    {
        JsonDocument doc = Parse(json);

        // Beyond the exact fast path the conversion may be off by an ulp or two, never more.
        Assert.True(doc.TryGetDouble(JsonDocument.Root, out double value));
        Assert.True(Math.Abs(value - expected) <= Math.Abs(expected) * 1e-15, $"{value} != {expected}");
    }

    [Fact]
    public void TryGetDouble_FastPathValues_AreExactlyTheNearestDouble()
    {
        foreach (string s in new[] { "0.1", "0.01", "0.001", "229.7", "-100", "0.3", "49.99", "1e-4", "3.14159" })
        {
            JsonDocument doc = Parse(s);
            Assert.True(doc.TryGetDouble(JsonDocument.Root, out double value));
            Assert.Equal(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture), value);
        }
    }

    [Fact]
    public void TryGetDouble_BeyondDoubleRange_Fails()
    {
        Assert.False(Parse("1e400").TryGetDouble(JsonDocument.Root, out _));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("65535", 65535L)]
    [InlineData("-32768", -32768L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void TryGetInt64_Integers_Parse(string json, long expected)
    {
        Assert.True(Parse(json).TryGetInt64(JsonDocument.Root, out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("\"1\"")]
    public void TryGetInt64_NotAPlainInteger_Fails(string json)
    {
        Assert.False(Parse(json).TryGetInt64(JsonDocument.Root, out _));
    }

    public static TheoryData<string, JsonStatus, int, string> Errors => new()
    {
        { "", JsonStatus.Empty, 0, "" },
        { "   ", JsonStatus.Empty, 3, "" },
        { "{", JsonStatus.UnexpectedEnd, 1, "" },
        { "[1,", JsonStatus.UnexpectedEnd, 3, "[1]" },
        { "{\"a\" 1}", JsonStatus.ExpectedColon, 5, "a" },
        { "{\"a\":1 \"b\":2}", JsonStatus.ExpectedCommaOrEnd, 7, "" },
        { "{1:2}", JsonStatus.ExpectedName, 1, "" },
        { "[1,]", JsonStatus.ExpectedValue, 3, "[1]" },
        { "{\"p\":[{\"s\":tru}]}", JsonStatus.InvalidLiteral, 14, "p[0].s" },
        { "{\"points\":[{},{},{},{\"scale\":01}]}", JsonStatus.InvalidNumber, 30, "points[3].scale" },
        { "[-]", JsonStatus.InvalidNumber, 2, "[0]" },
        { "[1.]", JsonStatus.InvalidNumber, 3, "[0]" },
        { "[1e]", JsonStatus.InvalidNumber, 3, "[0]" },
        { "[1x]", JsonStatus.InvalidNumber, 2, "[0]" },
        { "\"a\\x\"", JsonStatus.InvalidEscape, 2, "" },
        { "\"\\u12G4\"", JsonStatus.InvalidEscape, 1, "" },
        { "\"a\nb\"", JsonStatus.ControlCharacter, 2, "" },
        { "{} {}", JsonStatus.TrailingData, 3, "" },
        { "[1] x", JsonStatus.TrailingData, 4, "" },
        { "{\"a\":[1 2]}", JsonStatus.ExpectedCommaOrEnd, 8, "a" },
        { "nul", JsonStatus.UnexpectedEnd, 3, "" },
        { "'a'", JsonStatus.ExpectedValue, 0, "" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Parse_InvalidText_ReportsStatusPositionAndPath(string json, JsonStatus status, int position, string path)
    {
        JsonDocument doc = Parse(json);

        Assert.Equal(status, doc.Status);
        Assert.Equal(position, doc.ErrorPosition);
        Assert.Equal(path, doc.ErrorPath);
        Assert.Equal(0, doc.TokenCount);
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC3, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xC0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 })]
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]
    public void Parse_MalformedUtf8_IsRefused(byte[] bytes)
    {
        var doc = new JsonDocument();

        Assert.Equal(JsonStatus.InvalidUtf8, doc.Parse(bytes, 0, bytes.Length, new JsonLimits()));
        Assert.Equal(1, doc.ErrorPosition);
    }

    [Fact]
    public void Parse_DepthOverLimit_IsRefused()
    {
        var limits = new JsonLimits { MaxDepth = 4 };

        Assert.Equal(JsonStatus.Ok, Parse("[[[[1]]]]", limits).Status);
        JsonDocument doc = Parse("[[[[[1]]]]]", limits);
        Assert.Equal(JsonStatus.TooDeep, doc.Status);
        Assert.Equal("[0][0][0][0]", doc.ErrorPath);
    }

    [Fact]
    public void Parse_ValuesOverLimit_IsRefused()
    {
        var limits = new JsonLimits { MaxValues = 4 };

        Assert.Equal(JsonStatus.Ok, Parse("[1,2,3]", limits).Status);
        Assert.Equal(JsonStatus.TooManyValues, Parse("[1,2,3,4]", limits).Status);
    }

    [Fact]
    public void Parse_TextOverByteLimit_IsRefused()
    {
        var limits = new JsonLimits { MaxBytes = 8 };

        Assert.Equal(JsonStatus.Ok, Parse("[1,2,34]", limits).Status);
        Assert.Equal(JsonStatus.TooLarge, Parse("[1,2,345]", limits).Status);
    }

    [Fact]
    public void Parse_StringOverLimit_IsRefused()
    {
        var limits = new JsonLimits { MaxStringBytes = 4 };

        Assert.Equal(JsonStatus.Ok, Parse("\"abcd\"", limits).Status);
        Assert.Equal(JsonStatus.StringTooLong, Parse("\"abcde\"", limits).Status);
    }

    [Fact]
    public void Parse_ManyTokens_GrowsTablesAndKeepsLinks()
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < 1000; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"i\":").Append(i).Append('}');
        }

        JsonDocument doc = Parse(sb.Append(']').ToString());

        Assert.Equal(JsonStatus.Ok, doc.Status);
        Assert.Equal(1000, doc.Length(JsonDocument.Root));
        Assert.True(doc.TryGetInt64(doc.Member(doc.Element(JsonDocument.Root, 777), "i"), out long v));
        Assert.Equal(777, v);
    }

    [Fact]
    public void Parse_Reused_ForgetsThePreviousDocument()
    {
        var doc = new JsonDocument();
        doc.Parse("{\"a\":[1,2,3]}", new JsonLimits());

        Assert.Equal(JsonStatus.Ok, doc.Parse("[true]", new JsonLimits()));
        Assert.Equal(2, doc.TokenCount);
        Assert.True(doc.IsTrue(doc.Element(JsonDocument.Root, 0)));
    }

    [Fact]
    public void Position_PointsAtTheTokenInTheText()
    {
        JsonDocument doc = Parse("{ \"a\" : \"xy\", \"b\": [ 12 ] }");

        int a = doc.Member(JsonDocument.Root, "a");
        int b = doc.Member(JsonDocument.Root, "b");
        Assert.Equal(8, doc.Position(a));
        Assert.Equal(19, doc.Position(b));
        Assert.Equal(21, doc.Position(doc.Element(b, 0)));
    }
}
