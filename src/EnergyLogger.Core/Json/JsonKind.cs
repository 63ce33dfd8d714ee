namespace EnergyLogger.Core.Json
{
    /// <summary>The kind of one token of a parsed JSON document. RFC 8259, 3.</summary>
    public enum JsonKind : byte
    {
        None,
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }
}
