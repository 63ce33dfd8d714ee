using EnergyLogger.Core.Cloud;
using EnergyLogger.Host.Storage;
using Xunit;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>The host file store on a real directory: atomic replace, appends, a flat name space, and the outbox on top of it.</summary>
public sealed class DirectoryFileStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "el-store-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Replace_OverExistingFile_NewContentAndNoTemporaryLeft()
    {
        var store = new DirectoryFileStore(_dir);
        Assert.True(store.Replace("cfg.json", [1, 2, 3], 0, 3));
        Assert.True(store.Replace("cfg.json", [9, 8, 7, 6, 5], 1, 3));
        var buf = new byte[8];
        Assert.Equal(3, store.Read("cfg.json", 0, buf, 0, 8));
        Assert.Equal(new byte[] { 8, 7, 6 }, buf[..3]);
        Assert.Equal(["cfg.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Replace_CrashBeforeRename_OldContentStaysAndTempIsNotListed()
    {
        var store = new DirectoryFileStore(_dir);
        store.Replace("cfg.json", [1], 0, 1);
        File.WriteAllBytes(Path.Combine(_dir, "cfg.json.tmp"), [0xFF, 0xFF]);
        Assert.Equal(["cfg.json"], store.List());
        Assert.Equal(1, store.Length("cfg.json"));
    }

    [Fact]
    public void AppendReadLengthDelete_Basics()
    {
        var store = new DirectoryFileStore(_dir);
        Assert.Equal(-1, store.Length("a.seg"));
        Assert.Equal(-1, store.Read("a.seg", 0, new byte[4], 0, 4));
        Assert.True(store.Append("a.seg", [1, 2], 0, 2));
        Assert.True(store.Append("a.seg", [3], 0, 1));
        var buf = new byte[4];
        Assert.Equal(2, store.Read("a.seg", 1, buf, 0, 4));
        Assert.Equal(new byte[] { 2, 3 }, buf[..2]);
        Assert.True(store.Delete("a.seg"));
        Assert.True(store.Delete("a.seg"));
        Assert.Equal(-1, store.Length("a.seg"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("sub/file")]
    [InlineData("")]
    [InlineData("..")]
    public void Names_WithPathParts_Refused(string name)
    {
        var store = new DirectoryFileStore(_dir);
        Assert.False(store.Replace(name, [1], 0, 1));
        Assert.False(store.Append(name, [1], 0, 1));
        Assert.Equal(-1, store.Length(name));
    }

    [Fact]
    public void Outbox_OnDirectory_TornTailAfterCrashSkippedRestKept()
    {
        var store = new DirectoryFileStore(_dir);
        var outbox = new Outbox(store, new OutboxOptions());
        outbox.Open();
        for (int i = 0; i < 10; i++)
        {
            byte[] s = System.Text.Encoding.ASCII.GetBytes("{\"n\":" + i + "}");
            outbox.Append(s, 0, s.Length);
        }

        string segment = Directory.GetFiles(_dir, "ob*.seg").Single();
        using (var f = new FileStream(segment, FileMode.Open))
        {
            f.SetLength(f.Length - 3);
        }

        var restarted = new Outbox(store, new OutboxOptions());
        Assert.Equal(9, restarted.Open());
        Assert.Equal(1, restarted.Counters.Corrupt);
    }
}
