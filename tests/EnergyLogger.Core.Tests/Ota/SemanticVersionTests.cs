using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>Strict Semantic Versioning 2.0.0 parsing and precedence (semver.org, sections 2, 9, 10 and 11).</summary>
public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("0.0.0", 0, 0, 0, "")]
    [InlineData("1.4.12", 1, 4, 12, "")]
    [InlineData("1.0.0-alpha", 1, 0, 0, "alpha")]
    [InlineData("1.0.0-0.3.7", 1, 0, 0, "0.3.7")]
    [InlineData("1.0.0-x.7.z.92", 1, 0, 0, "x.7.z.92")]
    [InlineData("1.0.0-x-y-z.--", 1, 0, 0, "x-y-z.--")]
    [InlineData("1.0.0-alpha+001", 1, 0, 0, "alpha")]
    [InlineData("1.0.0+20130313144700", 1, 0, 0, "")]
    [InlineData("1.0.0-beta+exp.sha.5114f85", 1, 0, 0, "beta")]
    [InlineData("1.0.0+21AF26D3----117B344092BD", 1, 0, 0, "")]
    [InlineData("2147483647.0.0", int.MaxValue, 0, 0, "")]
    public void Parse_ValidText_GivesItsParts(string text, int major, int minor, int patch, string preRelease)
    {
        SemanticVersion? v = SemanticVersion.Parse(text);

        Assert.NotNull(v);
        Assert.Equal((major, minor, patch, preRelease, text), (v!.Major, v.Minor, v.Patch, v.PreRelease, v.Text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("v1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.03")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3-a.")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3+a+b")]
    [InlineData("1.2.3-é")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.3 ")]
    [InlineData("2147483648.0.0")]
    [InlineData("-1.0.0")]
    public void Parse_InvalidText_IsNull(string text)
    {
        Assert.Null(SemanticVersion.Parse(text));
    }

    [Fact]
    public void Parse_LongerThanMaxLength_IsNull()
    {
        string text = "1.0.0-" + new string('a', SemanticVersion.MaxLength - 5);

        Assert.Null(SemanticVersion.Parse(text));
        Assert.NotNull(SemanticVersion.Parse(text[..SemanticVersion.MaxLength]));
    }

    /// <summary>The precedence chains of section 11, in ascending order.</summary>
    [Theory]
    [InlineData("1.0.0", "2.0.0", "2.1.0", "2.1.1")]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0")]
    [InlineData("0.9.9", "0.10.0", "1.9.0", "1.10.0", "1.11.0")]
    [InlineData("1.0.0-2", "1.0.0-10", "1.0.0-a", "1.0.0-a.1", "1.0.0-b")]
    public void CompareTo_SectionElevenChain_AscendsStrictly(params string[] chain)
    {
        for (int i = 0; i < chain.Length; i++)
        {
            for (int j = 0; j < chain.Length; j++)
            {
                int order = SemanticVersion.Parse(chain[i])!.CompareTo(SemanticVersion.Parse(chain[j])!);

                Assert.True(Math.Sign(order) == Math.Sign(i.CompareTo(j)), $"{chain[i]} vs {chain[j]}: {order}");
            }
        }
    }

    [Fact]
    public void CompareTo_BuildMetadata_DoesNotCount()
    {
        Assert.Equal(0, SemanticVersion.Parse("1.2.3+a")!.CompareTo(SemanticVersion.Parse("1.2.3+b")!));
    }
}
