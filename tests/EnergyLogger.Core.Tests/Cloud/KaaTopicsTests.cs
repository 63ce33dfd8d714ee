using EnergyLogger.Core.Cloud;
using Xunit;

namespace EnergyLogger.Core.Tests.Cloud;

public class KaaTopicsTests
{
    private readonly KaaTopics _topics = new("app-v1");

    [Theory]
    [InlineData("dcx", "tok", "json", 42, "kp1/app-v1/dcx/tok/json/42")]
    [InlineData("epmx", "tok", "update/keys", 1, "kp1/app-v1/epmx/tok/update/keys/1")]
    [InlineData("cmx_ota", "tok", "applied/json", 0, "kp1/app-v1/cmx_ota/tok/applied/json")]
    public void Build_ReferenceTopics(string ext, string token, string path, int rid, string expected)
    {
        Assert.Equal(expected, _topics.Build(ext, token, path, rid));
    }

    [Theory]
    [InlineData("kp1/app-v1/dcx/tok/json/42/status", "dcx", "tok", "json", 42, KaaReply.Status)]
    [InlineData("kp1/app-v1/dcx/tok/json/42/error", "dcx", "tok", "json", 42, KaaReply.Error)]
    [InlineData("kp1/app-v1/cmx/tok/config/json/status", "cmx", "tok", "config/json", 0, KaaReply.Status)]
    [InlineData("kp1/app-v1/cmx/tok/config/json/7/status", "cmx", "tok", "config/json", 7, KaaReply.Status)]
    [InlineData("kp1/app-v1/cex/tok/command/reboot/status", "cex", "tok", "command/reboot", 0, KaaReply.Status)]
    [InlineData("kp1/app-v1/cex/tok/command/reboot/3/status", "cex", "tok", "command/reboot", 3, KaaReply.Status)]
    [InlineData("kp1/app-v1/dcx/tok/json/5", "dcx", "tok", "json", 5, KaaReply.None)]
    [InlineData("kp1/app-v1/dcx/tok/json/99999/status", "dcx", "tok", "json/99999", 0, KaaReply.Status)]
    public void Parse_ReferenceTopics(string topic, string ext, string token, string path, int rid, KaaReply reply)
    {
        var into = new KaaTopic();
        Assert.True(_topics.Parse(topic, into));
        Assert.Equal((ext, token, path, rid, reply), (into.Extension, into.Token, into.Path, into.RequestId, into.Reply));
    }

    [Theory]
    [InlineData("kp1/other/dcx/tok/json/1/status")]
    [InlineData("kp1/app-v1/dcx/tok")]
    [InlineData("kp1/app-v1/dcx/tok/")]
    [InlineData("kp1/app-v1/dcx/tok/status")]
    [InlineData("kp1/app-v1//tok/json")]
    [InlineData("/kp1/app-v1/dcx/tok/json")]
    public void Parse_NotKp_False(string topic)
    {
        Assert.False(_topics.Parse(topic, new KaaTopic()));
    }
}
