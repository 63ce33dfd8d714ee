using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Fakes;

/// <summary>
/// An <see cref="IFileStore"/> in memory with the faults flash gives: a power cut after N changes (the
/// replace at the cut may even be torn, half its bytes written, as a store that broke its atomicity
/// promise would leave it), writes that silently keep wrong bytes, and a medium that refuses everything.
/// </summary>
public sealed class PowerCutFileStore : IFileStore
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private int _changes;

    /// <summary>Changes (replace, append, delete) that succeed before power is lost; -1 for no cut.</summary>
    public int ChangesBeforePowerCut { get; set; } = -1;

    /// <summary>Changes attempted so far, the failed ones included: where a cut can be placed.</summary>
    public int Changes => _changes;

    /// <summary>The replace at the power cut leaves half its bytes in the file.</summary>
    public bool TearAtCut { get; set; }

    /// <summary>Every write stores the data with one byte flipped, as worn flash might.</summary>
    public bool CorruptWrites { get; set; }

    public bool RefuseEverything { get; set; }

    public IEnumerable<string> Names => _files.Keys.Order(StringComparer.Ordinal);

    public byte[] Bytes(string name) => (byte[])_files[name].Clone();

    public void Put(string name, byte[] bytes) => _files[name] = (byte[])bytes.Clone();

    /// <summary>A copy of the files as they are, for "nothing changed" assertions.</summary>
    public Dictionary<string, byte[]> Snapshot() => _files.ToDictionary(f => f.Key, f => (byte[])f.Value.Clone());

    public string[] List() => RefuseEverything ? [] : [.. _files.Keys];

    public int Length(string name) => !RefuseEverything && _files.TryGetValue(name, out byte[]? data) ? data.Length : -1;

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        if (RefuseEverything || !_files.TryGetValue(name, out byte[]? data) || position > data.Length)
        {
            return -1;
        }

        int n = Math.Min(count, data.Length - position);
        Array.Copy(data, position, buffer, offset, n);
        return n;
    }

    public bool Append(string name, byte[] buffer, int offset, int count)
    {
        if (!PowerOn(out _))
        {
            return false;
        }

        byte[] old = _files.TryGetValue(name, out byte[]? data) ? data : [];
        _files[name] = [.. old, .. Stored(buffer, offset, count)];
        return true;
    }

    public bool Replace(string name, byte[] buffer, int offset, int count)
    {
        if (!PowerOn(out bool atCut))
        {
            if (atCut && TearAtCut)
            {
                _files[name] = buffer.AsSpan(offset, count / 2).ToArray();
            }

            return false;
        }

        _files[name] = Stored(buffer, offset, count);
        return true;
    }

    public bool Delete(string name)
    {
        if (!_files.ContainsKey(name))
        {
            return !RefuseEverything;
        }

        if (!PowerOn(out _))
        {
            return false;
        }

        _files.Remove(name);
        return true;
    }

    private byte[] Stored(byte[] buffer, int offset, int count)
    {
        byte[] data = buffer.AsSpan(offset, count).ToArray();
        if (CorruptWrites && data.Length > 0)
        {
            data[data.Length / 2] ^= 0x40;
        }

        return data;
    }

    private bool PowerOn(out bool atCut)
    {
        atCut = ChangesBeforePowerCut >= 0 && _changes == ChangesBeforePowerCut;
        bool on = !RefuseEverything && (ChangesBeforePowerCut < 0 || _changes < ChangesBeforePowerCut);
        _changes++;
        return on;
    }
}
