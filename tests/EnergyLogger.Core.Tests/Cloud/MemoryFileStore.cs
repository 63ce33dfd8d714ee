using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Cloud;

/// <summary>An in-memory <see cref="IFileStore"/> whose files a test can read, damage, truncate, or make fail.</summary>
public sealed class MemoryFileStore : IFileStore
{
    public Dictionary<string, byte[]> Files { get; } = new();

    /// <summary>When set, Append and Replace fail and leave the file as it was (or torn, see <see cref="TearNextAppend"/>).</summary>
    public bool Failing { get; set; }

    /// <summary>The next append writes only this many bytes and reports failure (a power cut mid-write).</summary>
    public int? TearNextAppend { get; set; }

    public int Appends { get; private set; }

    public int Deletes { get; private set; }

    public string[] List() => Files.Keys.ToArray();

    public int Length(string name) => Files.TryGetValue(name, out byte[]? f) ? f.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (!Files.TryGetValue(name, out byte[]? f))
        {
            return -1;
        }

        int n = Math.Max(0, Math.Min(count, f.Length - position));
        Array.Copy(f, position, buffer, offset, n);
        return n;
    }

    public bool Append(string name, byte[] buffer, int offset, int count)
    {
        byte[] old = Files.TryGetValue(name, out byte[]? f) ? f : [];
        if (TearNextAppend is int torn)
        {
            TearNextAppend = null;
            Files[name] = [.. old, .. buffer.AsSpan(offset, torn)];
            return false;
        }

        if (Failing)
        {
            return false;
        }

        Appends++;
        Files[name] = [.. old, .. buffer.AsSpan(offset, count)];
        return true;
    }

    public bool Replace(string name, byte[] buffer, int offset, int count)
    {
        if (Failing)
        {
            return false;
        }

        Files[name] = buffer.AsSpan(offset, count).ToArray();
        return true;
    }

    public bool Delete(string name)
    {
        Deletes++;
        Files.Remove(name);
        return true;
    }

    public int TotalBytes => Files.Values.Sum(f => f.Length);
}
