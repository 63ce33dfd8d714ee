using EnergyLogger.Core.Registers;
using Xunit;

namespace EnergyLogger.Core.Tests.Registers;

/// <summary>Builds small register maps for tests: the parts a test cares about, the rest filled in.</summary>
internal static class MapText
{
    public const string OneDevice = """[{"id":"inv","slave":1}]""";

    public static string With(string points = "[]", string computed = "[]", string devices = OneDevice, string valueMaps = "[]", string metadata = "[]")
    {
        return "{\"format\":\"energylogger-map/1\",\"name\":\"test\",\"devices\":" + devices + ",\"valueMaps\":" + valueMaps
            + ",\"points\":" + points + ",\"metadata\":" + metadata + ",\"computed\":" + computed + "}";
    }

    public static string List(params string[] items) => "[" + string.Join(",", items) + "]";

    public static RegisterMap Load(string json)
    {
        RegisterMap? map = RegisterMapLoader.Load(json, out MapError? error);
        Assert.True(map != null, error?.ToString());
        return map!;
    }

    public static MapError Fail(string json)
    {
        RegisterMap? map = RegisterMapLoader.Load(json, out MapError? error);
        Assert.Null(map);
        Assert.NotNull(error);
        return error!;
    }
}
