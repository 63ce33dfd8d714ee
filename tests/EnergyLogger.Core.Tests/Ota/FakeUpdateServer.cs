using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Tests.Ota;

/// <summary>
/// An HTTPS update server behind IHttpDownloader, modelled on the In-Field Update tests' FakeUpdateProvider:
/// packages by URL, delivered in network-sized pieces, with fault knobs (drop the body at an offset,
/// serve a truncated copy, refuse connections) and counters for assertions.
/// </summary>
public sealed class FakeUpdateServer : IHttpDownloader
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private byte[]? _body;
    private int _at;
    private int _end;

    /// <summary>The largest piece one Read delivers, like a TCP segment.</summary>
    public int PieceLength { get; set; } = 1460;

    /// <summary>The body fails once its position reaches this offset (then the knob clears); -1 for never.</summary>
    public int DropAt { get; set; } = -1;

    /// <summary>The server's copy ends here (a truncated upload); -1 serves the whole file.</summary>
    public int TruncateTo { get; set; } = -1;

    /// <summary>Connections are refused while set.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Every Open as (url, offset).</summary>
    public List<(string Url, int Offset)> Opens { get; } = [];

    public long BytesServed { get; private set; }

    public void Put(string url, byte[] content) => _files[url] = content;

    public DownloadStatus Open(string url, int offset, out int totalLength)
    {
        Close();
        Opens.Add((url, offset));
        totalLength = 0;
        if (Unreachable || !_files.TryGetValue(url, out byte[]? file))
        {
            return DownloadStatus.Failed;
        }

        int length = TruncateTo >= 0 ? Math.Min(TruncateTo, file.Length) : file.Length;
        if (offset > length)
        {
            return DownloadStatus.Failed;
        }

        _body = file;
        _at = offset;
        _end = length;
        totalLength = length;
        return DownloadStatus.Ok;
    }

    public DownloadStatus Read(byte[] buffer, int offset, int count, out int received)
    {
        received = 0;
        if (_body is null)
        {
            return DownloadStatus.Failed;
        }

        if (DropAt >= 0 && _at >= DropAt)
        {
            DropAt = -1;
            Close();
            return DownloadStatus.Failed;
        }

        if (_at == _end)
        {
            return DownloadStatus.End;
        }

        int limit = DropAt >= 0 ? DropAt - _at : int.MaxValue;
        received = Math.Min(Math.Min(count, PieceLength), Math.Min(_end - _at, limit));
        Array.Copy(_body, _at, buffer, offset, received);
        _at += received;
        BytesServed += received;
        return DownloadStatus.Ok;
    }

    public void Close() => _body = null;
}
