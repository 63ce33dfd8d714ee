namespace EnergyLogger.Core.Json
{
    /// <summary>
    /// Hard caps for the reader, so that a hostile or broken document costs bounded memory and time
    /// (RELIABILITY C6 and the fuzzing rule). The defaults fit a full register map.
    /// </summary>
    public sealed class JsonLimits
    {
        public int MaxBytes = 65536;
        public int MaxDepth = 16;
        public int MaxValues = 12288;
        public int MaxStringBytes = 1024;
    }
}
