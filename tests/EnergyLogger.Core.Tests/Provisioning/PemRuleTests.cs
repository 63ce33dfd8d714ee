using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

public class PemRuleTests
{
    private static readonly PemRule Rule = new(SettingsLimits.CaPemBytes);
    private static readonly string Pem = SettingsSamples.CaPem;

    [Fact]
    public void Check_RealCertificate_IsAcceptedAndKeptAsIs()
    {
        Assert.Null(Rule.Check(Pem));
        Assert.Equal(Pem, Rule.Canonical(Pem));
        Assert.Equal(1, PemRule.CountCertificates(Pem));
    }

    [Fact]
    public void Check_ChainOfTwo_CountsBoth()
    {
        string chain = Pem + SettingsSamples.CreatePem("CN=Second");

        Assert.Null(Rule.Check(chain));
        Assert.Equal(2, PemRule.CountCertificates(Rule.Canonical(chain)));
    }

    [Fact]
    public void Canonical_ExplanatoryTextAndCrLf_AreDropped()
    {
        // RFC 7468, 2: text around the blocks is allowed; bundles carry "subject=" lines.
        string bundle = "subject=CN=EnergyLogger Test Root\r\n\r\n" + Pem.Replace("\n", "\r\n") + "trailing words\r\n";

        Assert.Null(Rule.Check(bundle));
        Assert.Equal(Pem, Rule.Canonical(bundle));
    }

    public static TheoryData<string, string> Broken()
    {
        string[] lines = Pem.TrimEnd('\n').Split('\n');
        string body = string.Join('\n', lines[1..^1]);
        return new TheoryData<string, string>
        {
            { "just some text\n", "no -----BEGIN CERTIFICATE----- block" },
            { "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n", "only CERTIFICATE blocks are accepted" },
            { Pem.Replace(PemRule.EndLine + "\n", ""), "a certificate has no -----END CERTIFICATE----- line" },
            { Pem.Replace(PemRule.EndLine, PemRule.BeginLine), "a certificate has no -----END CERTIFICATE----- line" },
            { $"{PemRule.BeginLine}\n{body.Insert(10, "*")}\n{PemRule.EndLine}\n", "a certificate line holds a character that is not base64" },
            { $"{PemRule.BeginLine}\n{body.Insert(10, " ")}\n{PemRule.EndLine}\n", "a certificate line holds a character that is not base64" },
            { $"{PemRule.BeginLine}\n{body[1..]}\n{PemRule.EndLine}\n", "a certificate's base64 is cut short" },
            { $"{PemRule.BeginLine}\n{PemRule.EndLine}\n", "a certificate's base64 is cut short" },
            { $"{PemRule.BeginLine}\nAA==AAAA\n{PemRule.EndLine}\n", "base64 continues after its '=' padding" },
            { $"{PemRule.BeginLine}\nAAAA\n{PemRule.EndLine}\n", "a certificate's content is not DER" },
            { new string('#', SettingsLimits.CaPemBytes + 1), "longer than 8192 bytes" },
        };
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Check_BrokenPem_SaysWhy(string text, string reason)
    {
        Assert.Equal(reason, Rule.Check(text));
    }
}
