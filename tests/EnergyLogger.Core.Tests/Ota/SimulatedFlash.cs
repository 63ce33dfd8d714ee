using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>Thrown by <see cref="SimulatedFlash"/> when the power goes: the CPU stops mid-write.</summary>
public sealed class PowerCut : Exception
{
    public PowerCut(int write) : base($"power cut at write {write}")
    {
    }
}

/// <summary>
/// Flash behind the IFileStore port, modelled on MCUboot's simflash (fail at operation N): every write
/// (Append, Replace, an actual Delete) is counted, and the one numbered <see cref="CutAtWrite"/> is torn
/// and then stops the CPU by throwing <see cref="PowerCut"/>. A torn Append leaves a prefix of its bytes
/// with the last one garbled, or with <see cref="TornKeepsLength"/> all of its length with the tail garbled
/// (a file system that grew the file before the data landed); a torn Replace leaves a garbled prefix too, which is worse than the port
/// promises (atomic Replace), so the boot record is proven to survive even that; a cut Delete does not
/// happen. The files survive the cut, as flash does.
/// </summary>
public sealed class SimulatedFlash : IFileStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly Random _random;

    public SimulatedFlash(int seed = 1)
    {
        _random = new Random(seed);
    }

    /// <summary>Writes so far, counted from 1.</summary>
    public int Writes { get; private set; }

    /// <summary>The write that loses power (counted by <see cref="Writes"/>); 0 for never. One cut clears it.</summary>
    public int CutAtWrite { get; set; }

    /// <summary>A torn Append keeps its full length, its last 16 bytes garbage.</summary>
    public bool TornKeepsLength { get; set; }

    /// <summary>Every write is refused (returns false) while set: a worn or full medium.</summary>
    public bool RefuseWrites { get; set; }

    /// <summary>Bytes appended in total, to see what a resume saved.</summary>
    public long BytesAppended { get; private set; }

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public string[] List() => [.. _files.Keys];

    public int Length(string name) => _files.TryGetValue(name, out byte[]? data) ? data.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (!_files.TryGetValue(name, out byte[]? data) || position < 0 || position > data.Length)
        {
            return -1;
        }

        int n = Math.Min(count, data.Length - position);
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public bool Append(string name, byte[] buffer, int offset, int count)
    {
        if (RefuseWrites)
        {
            return false;
        }

        byte[] old = _files.TryGetValue(name, out byte[]? data) ? data : [];
        if (Cut())
        {
            _files[name] = [.. old, .. (TornKeepsLength ? Garbled(buffer, offset, count) : Torn(buffer, offset, count))];
            throw new PowerCut(Writes);
        }

        _files[name] = [.. old, .. buffer.AsSpan(offset, count)];
        BytesAppended += count;
        return true;
    }

    public bool Replace(string name, byte[] buffer, int offset, int count)
    {
        if (RefuseWrites)
        {
            return false;
        }

        if (Cut())
        {
            _files[name] = Torn(buffer, offset, count);
            throw new PowerCut(Writes);
        }

        _files[name] = buffer.AsSpan(offset, count).ToArray();
        return true;
    }

    public bool Delete(string name)
    {
        if (!_files.ContainsKey(name))
        {
            return true;
        }

        if (RefuseWrites)
        {
            return false;
        }

        if (Cut())
        {
            throw new PowerCut(Writes);
        }

        _files.Remove(name);
        return true;
    }

    private bool Cut()
    {
        Writes++;
        if (Writes != CutAtWrite)
        {
            return false;
        }

        CutAtWrite = 0;
        return true;
    }

    private static byte[] Garbled(byte[] buffer, int offset, int count)
    {
        byte[] all = buffer.AsSpan(offset, count).ToArray();
        for (int i = Math.Max(0, count - 16); i < count; i++)
        {
            all[i] ^= 0x5A;
        }

        return all;
    }

    private byte[] Torn(byte[] buffer, int offset, int count)
    {
        byte[] prefix = buffer.AsSpan(offset, _random.Next(0, count + 1)).ToArray();
        if (prefix.Length > 0)
        {
            prefix[^1] ^= 0xA5;
        }

        return prefix;
    }
}
