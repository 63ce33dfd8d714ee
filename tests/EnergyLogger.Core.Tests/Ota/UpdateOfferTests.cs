using System.Text;
using EnergyLogger.Core.Json;
using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>The cloud's offer (Kaa CMX_OTA config or custom MQTT) and the report that answers it.</summary>
public sealed class UpdateOfferTests
{
    private const string Digest = "69d8b125cba40ef19b2c95a52603b88d42a572b5cf50970b4610c4378aac3ee1";

    private static (UpdateOffer? Offer, UpdateStatus Status) Read(string json, string? configId = null)
    {
        var doc = new JsonDocument();
        Assert.Equal(JsonStatus.Ok, doc.Parse(json, new JsonLimits()));
        UpdateOffer? offer = UpdateOffer.Read(doc, JsonDocument.Root, configId, out UpdateStatus status);
        return (offer, status);
    }

    [Fact]
    public void Read_CustomMqttOffer_GivesEveryField()
    {
        var (offer, status) = Read($"{{\"url\":\"https://u.example/p.elup\",\"size\":300400,\"sha256\":\"{Digest}\",\"version\":\"1.4.0\",\"allowDowngrade\":true,\"note\":\"x\"}}");

        Assert.Equal(UpdateStatus.Ok, status);
        Assert.Equal(("https://u.example/p.elup", 300400, "1.4.0", true), (offer!.Url, offer.PackageLength, offer.Version.Text, offer.AllowDowngrade));
        Assert.Equal(Digest, Convert.ToHexStringLower(offer.ImageSha256));
    }

    [Fact]
    public void Read_KaaConfigWithLinkAndConfigId_Accepted()
    {
        var (offer, status) = Read($"{{\"link\":\"HTTPS://u.example/p\",\"size\":9000,\"sha256\":\"{Digest}\"}}", "1.4.0");

        Assert.Equal((UpdateStatus.Ok, "1.4.0", false), (status, offer!.Version.Text, offer.AllowDowngrade));
    }

    [Theory]
    [InlineData("{\"url\":\"http://u.example/p\",\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4.0\"}", null)]
    [InlineData("{\"url\":\"https://\",\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4.0\"}", null)]
    [InlineData("{\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4.0\"}", null)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\"}", null)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4.0\"}", "1.4.1")]
    [InlineData("{\"url\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4\"}", null)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":80,\"sha256\":\"D\",\"version\":\"1.4.0\"}", null)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":\"9000\",\"sha256\":\"D\",\"version\":\"1.4.0\"}", null)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":9000,\"sha256\":\"abc\",\"version\":\"1.4.0\"}", null)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4.0\",\"allowDowngrade\":1}", null)]
    [InlineData("[]", null)]
    public void Read_MalformedOffer_IsBadOffer(string json, string? configId)
    {
        var (offer, status) = Read(json.Replace("\"D\"", "\"" + Digest + "\"", StringComparison.Ordinal), configId);

        Assert.Null(offer);
        Assert.Equal(UpdateStatus.BadOffer, status);
    }

    [Theory]
    [InlineData("{\"configId\":\"1.4.0\",\"config\":{\"link\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\"}}", UpdateStatus.Ok)]
    [InlineData("{\"url\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\",\"version\":\"1.4.0\"}", UpdateStatus.Ok)]
    [InlineData("{\"config\":{\"link\":\"https://u/p\",\"size\":9000,\"sha256\":\"D\"}}", UpdateStatus.BadOffer)]
    [InlineData("{\"configId\":\"1.4.0\",\"config\":{}}", UpdateStatus.BadOffer)]
    [InlineData("{\"configId\":\"1.4.0\"", UpdateStatus.BadOffer)]
    public void Parse_KaaOrCustomMessage_FindsTheOffer(string message, UpdateStatus expected)
    {
        byte[] bytes = Encoding.UTF8.GetBytes("##" + message.Replace("\"D\"", "\"" + Digest + "\"", StringComparison.Ordinal));

        UpdateOffer? offer = UpdateOffer.Parse(bytes, 2, bytes.Length - 2, out UpdateStatus status);

        Assert.Equal(expected, status);
        Assert.Equal(expected == UpdateStatus.Ok, offer is not null && offer.Version.Text == "1.4.0" && offer.Url == "https://u/p");
    }

    [Fact]
    public void Read_PackageOverTheMaximum_IsTooLarge()
    {
        var (offer, status) = Read($"{{\"url\":\"https://u/p\",\"size\":{UpdatePackage.MaxPackageLength + 1},\"sha256\":\"{Digest}\",\"version\":\"1.4.0\"}}");

        Assert.Null(offer);
        Assert.Equal(UpdateStatus.TooLarge, status);
    }

    public static TheoryData<UpdateOutcome, UpdateStatus, string> Reports() => new()
    {
        { UpdateOutcome.Applied, UpdateStatus.Ok, "{\"configId\":\"1.4.0\"}" },
        { UpdateOutcome.Failed, UpdateStatus.BadSignature, "{\"configId\":\"1.3.0\",\"statusCode\":400,\"reasonPhrase\":\"1.4.0: bad manifest signature\"}" },
        { UpdateOutcome.Failed, UpdateStatus.TransportError, "{\"configId\":\"1.3.0\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: download failed\"}" },
        { UpdateOutcome.RolledBack, UpdateStatus.HealthCheckFailed, "{\"configId\":\"1.3.0\",\"statusCode\":500,\"reasonPhrase\":\"1.4.0: new image failed its health check and was rolled back\"}" },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public void WriteKaaApplied_EachOutcome_IsTheCmxOtaAppliedBody(UpdateOutcome outcome, UpdateStatus status, string expected)
    {
        var writer = new JsonWriter(256, 2);
        string running = outcome == UpdateOutcome.Applied ? "1.4.0" : "1.3.0";

        new UpdateReport(outcome, status, "1.4.0", running).WriteKaaApplied(writer);

        Assert.Equal(expected, Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length));
    }

    [Fact]
    public void StatusText_EveryStatus_HasItsOwnText()
    {
        string[] texts = Enum.GetValues<UpdateStatus>().Select(UpdateStatusText.Of).ToArray();

        Assert.Equal(texts.Length, texts.Distinct().Count());
    }
}
