using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Storage;

/// <summary>
/// <see cref="IFileStore"/> on a host directory. Replace writes a temporary file, flushes it to the disk and
/// renames it over the old one, so a crash leaves the old content or the new (rename is atomic on POSIX
/// file systems and on NTFS). Names with a path separator are refused: the store is flat.
/// </summary>
public sealed class DirectoryFileStore : IFileStore
{
    private const string TempSuffix = ".tmp";

    private readonly string _root;

    public DirectoryFileStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public string[] List()
    {
        return Directory.GetFiles(_root)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.EndsWith(TempSuffix, StringComparison.Ordinal))
            .ToArray()!;
    }

    public int Length(string name)
    {
        string? path = PathOf(name);
        return path is not null && File.Exists(path) ? (int)Math.Min(int.MaxValue, new FileInfo(path).Length) : -1;
    }

    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        string? path = PathOf(name);
        if (path is null)
        {
            return -1;
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Position = position;
            int total = 0;
            int n;
            while (total < count && (n = file.Read(buffer, offset + total, count - total)) > 0)
            {
                total += n;
            }

            return total;
        }
        catch (IOException)
        {
            return -1;
        }
        catch (UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public bool Append(string name, byte[] buffer, int offset, int count)
    {
        return Guard(name, path =>
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(buffer, offset, count);
            file.Flush(flushToDisk: true);
        });
    }

    public bool Replace(string name, byte[] buffer, int offset, int count)
    {
        return Guard(name, path =>
        {
            string temp = path + TempSuffix;
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(buffer, offset, count);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        });
    }

    public bool Delete(string name)
    {
        return Guard(name, File.Delete);
    }

    private bool Guard(string name, Action<string> action)
    {
        string? path = PathOf(name);
        if (path is null)
        {
            return false;
        }

        try
        {
            action(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string? PathOf(string name)
    {
        bool flat = name.Length > 0 && name.IndexOfAny(['/', '\\']) < 0 && name != "." && name != "..";
        return flat ? Path.Combine(_root, name) : null;
    }
}
