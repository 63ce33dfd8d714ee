namespace EnergyLogger.Core.Ports
{
    /// <summary>Free heap for diagnostics: <c>nanoFramework.Runtime.Native.GC.Run(false)</c> on the board, the GC's figures on the host.</summary>
    public interface IMemoryInfo
    {
        /// <summary>Bytes free on the managed heap; -1 when unknown.</summary>
        long FreeBytes { get; }
    }
}
