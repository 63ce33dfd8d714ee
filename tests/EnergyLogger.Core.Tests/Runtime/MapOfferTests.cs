using EnergyLogger.Core.Registers;
using Xunit;
using static EnergyLogger.Core.Tests.Registers.MapText;

namespace EnergyLogger.Core.Tests.Runtime;

/// <summary>A cloud config's map is loaded once, by the config parser, and offered to the slot as a map.</summary>
public class MapOfferTests
{
    [Fact]
    public void Offer_ValidatedMap_WaitsForTheCycleBoundary()
    {
        RegisterMap first = Load(With(points: List("""{"name":"a","address":1}""")));
        RegisterMap next = Load(With(points: List("""{"name":"b","address":2}""")));
        var slot = new MapSlot(first);

        slot.Offer(next);

        Assert.Same(first, slot.Active);
        Assert.True(slot.SwapAtCycleBoundary());
        Assert.Same(next, slot.Active);
    }

    [Fact]
    public void Offer_Null_IsAProgrammerError()
    {
        Assert.Throws<ArgumentNullException>(() => new MapSlot(null!).Offer((RegisterMap)null!));
    }
}
