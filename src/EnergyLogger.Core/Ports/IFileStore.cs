namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// A flat set of small named files: I:\ (LittleFS) on the device, a directory on the host. Names are
    /// plain ("ob00000012.seg"); the adapter roots them. Failures are results, never exceptions.
    /// </summary>
    public interface IFileStore
    {
        /// <summary>The names in the store, in no particular order.</summary>
        string[] List();

        /// <summary>Size in bytes, or -1 when the file does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many, or -1 on failure.</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Appends bytes, creating the file. A power cut may leave a torn tail, which readers must detect (records carry CRCs).</summary>
        bool Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Replaces the whole file atomically: after a power cut a reader sees the old content or the new, never a mix.</summary>
        bool Replace(string name, byte[] buffer, int offset, int count);

        /// <summary>Removes the file; true also when it did not exist.</summary>
        bool Delete(string name);
    }
}
