using EnergyLogger.Core.Provisioning;
using Xunit;

namespace EnergyLogger.Core.Tests.Provisioning;

/// <summary>The <c>ca begin</c> ... <c>ca end</c> block that carries the broker's CA certificate.</summary>
public class CaBlockTests
{
    private readonly SessionDriver _client = new();

    [Fact]
    public void Block_EachLineAcknowledgedWithTheBytesSoFar()
    {
        Assert.Equal("ok ca: send the PEM lines, then ca end", _client.Line("CA Begin"));
        Assert.Equal("ok ca: 28 bytes", _client.Line(PemRule.BeginLine));
        Assert.Equal("ok ca: 33 bytes", _client.Line("MIIB"));
    }

    [Fact]
    public void Block_ChainWithCrLfAndBlankLines_IsStored()
    {
        string chain = SettingsSamples.CaPem + "\n" + SettingsSamples.CreatePem("CN=Intermediate");

        Assert.Equal("ok mqtt.ca set, 2 certificates", _client.SendCa(chain.Replace("\n", "\r\n")));
        Assert.Equal("ok mqtt.ca (2 certificates)", _client.Line("get mqtt.ca"));
    }

    [Fact]
    public void Block_PrivateKey_IsRefusedAndBlocksApply()
    {
        _client.SendComplete();

        Assert.Equal("error mqtt.ca: only CERTIFICATE blocks are accepted", _client.SendCa("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----"));
        Assert.Equal("error mqtt.ca: last value refused: only CERTIFICATE blocks are accepted", _client.Line("apply"));
        Assert.Empty(_client.Store.Names);
    }

    [Fact]
    public void Block_Abort_LeavesTheCertificateAsItWas()
    {
        _client.SendCa(SettingsSamples.CaPem);
        _client.Line("ca begin");
        _client.Line("garbage");

        Assert.Equal("ok ca: block dropped, mqtt.ca unchanged", _client.Line("ca abort"));
        Assert.Equal("ok mqtt.ca (1 certificate)", _client.Line("get mqtt.ca"));
    }

    [Fact]
    public void Block_Empty_IsRefused()
    {
        _client.Line("ca begin");

        Assert.Equal("error mqtt.ca: the block is empty; clear mqtt.ca removes the certificate", _client.Line("ca end"));
    }

    [Fact]
    public void Block_PastTheCap_EveryFurtherLineErrsUntilEnd()
    {
        _client.Line("ca begin");
        string line = new string('A', 64);
        string reply = "";
        int sent = 0;
        while (!reply.StartsWith("error", StringComparison.Ordinal))
        {
            reply = _client.Line(line);
            sent++;
        }

        Assert.Equal(SettingsLimits.CaPemBytes / 65 + 1, sent);
        Assert.Equal("error mqtt.ca: longer than 8192 bytes", reply);
        Assert.Equal("error mqtt.ca: longer than 8192 bytes", _client.Line(line));
        Assert.Equal("error mqtt.ca: longer than 8192 bytes", _client.Line("ca end"));
        Assert.StartsWith("ok stored=none", _client.Line("status"));
    }

    [Fact]
    public void Block_VerbsInsideTheBlock_AreTakenAsCertificateText()
    {
        _client.Line("ca begin");
        _client.Line("status");

        Assert.Equal("error mqtt.ca: no -----BEGIN CERTIFICATE----- block", _client.Line("ca end"));
        Assert.StartsWith("ok stored=none", _client.Line("status"));
    }
}
