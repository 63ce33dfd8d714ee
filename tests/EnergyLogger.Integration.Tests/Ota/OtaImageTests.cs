using System.Buffers.Binary;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EnergyLogger.Core.Ota;
using Xunit;

namespace EnergyLogger.Integration.Tests.Ota;

/// <summary>
/// <c>energylogger ota image</c> on a folder laid out like a nanoFramework build of the device: Core's thirteen
/// assemblies (the real .dll files of this build, so the references are the real ones) each with a .pe, the loader
/// and a library that must stay out. The image must hold every application assembly after all it references,
/// each on a 4-byte boundary, as the loader walks and loads it.
/// </summary>
public sealed class OtaImageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("energylogger-ota-image-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Pe(int length, byte fill)
    {
        var pe = new byte[length];
        Array.Fill(pe, fill);
        Array.Clear(pe, 0, 8);
        "NFMRK2"u8.CopyTo(pe);
        BinaryPrimitives.WriteUInt32LittleEndian(pe.AsSpan(36 + (17 * 4)), (uint)length);
        return pe;
    }

    private Dictionary<string, byte[]> LayOutCoreBuild()
    {
        var pes = new Dictionary<string, byte[]>();
        byte fill = 1;
        foreach (string dll in Directory.GetFiles(AppContext.BaseDirectory, "EnergyLogger.Core.*.dll"))
        {
            string name = Path.GetFileNameWithoutExtension(dll);
            File.Copy(dll, Path.Combine(_dir, name + ".dll"));
            pes[name] = Pe(200 + (37 * fill), fill);
            File.WriteAllBytes(Path.Combine(_dir, name + ".pe"), pes[name]);
            fill++;
        }

        File.WriteAllBytes(Path.Combine(_dir, "EnergyLogger.Loader.pe"), Pe(300, 0xEE));
        File.WriteAllBytes(Path.Combine(_dir, "mscorlib.pe"), Pe(300, 0xDD));
        return pes;
    }

    private static string[] ReferencesOf(string dll)
    {
        using var reader = new PEReader(File.OpenRead(dll));
        MetadataReader md = reader.GetMetadataReader();
        return md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToArray();
    }

    [Fact]
    public void Image_CoreBuildFolder_EveryAssemblyAfterWhatItReferences_OnFourByteBoundaries()
    {
        Dictionary<string, byte[]> pes = LayOutCoreBuild();
        Assert.Equal(13, pes.Count);

        var outcome = EnergyLoggerProcess.Run("ota", "image", "--out", Path.Combine(_dir, "app.bin"), _dir);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        byte[] image = File.ReadAllBytes(Path.Combine(_dir, "app.bin"));
        var order = new List<string>();
        int at = 0;
        while (at < image.Length)
        {
            int length = AssemblyImage.Length(image, at, image.Length - at, image.Length - at);
            Assert.True(length > 0, "an assembly header at " + at);
            order.Add(pes.Single(p => p.Value.AsSpan().SequenceEqual(image.AsSpan(at, length))).Key);
            at = AssemblyImage.Next(at, length);
        }

        Assert.Equal(pes.Keys.Order(), order.Order());
        foreach (string name in order)
        {
            foreach (string reference in ReferencesOf(Path.Combine(_dir, name + ".dll")).Where(pes.ContainsKey))
            {
                Assert.True(order.IndexOf(reference) < order.IndexOf(name), $"{reference} must come before {name}");
            }
        }

        Assert.Equal("EnergyLogger.Core.Runtime", order[^1]);
        Assert.Contains($"image: {Path.Combine(_dir, "app.bin")}: 13 assemblies, {image.Length} bytes", outcome.Lines);
    }

    [Fact]
    public void Image_PeWithoutItsDll_RefusedWithTheReason()
    {
        File.WriteAllBytes(Path.Combine(_dir, "EnergyLogger.Device.pe"), Pe(400, 3));

        var outcome = EnergyLoggerProcess.Run("ota", "image", "--out", Path.Combine(_dir, "app.bin"), _dir);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("EnergyLogger.Device.dll: missing; its assembly references give the load order", outcome.Stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "app.bin")));
    }

    [Fact]
    public void Image_NotAnAssembly_Refused()
    {
        LayOutCoreBuild();
        File.WriteAllBytes(Path.Combine(_dir, "EnergyLogger.Core.Json.pe"), new byte[500]);

        var outcome = EnergyLoggerProcess.Run("ota", "image", "--out", Path.Combine(_dir, "app.bin"), _dir);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("EnergyLogger.Core.Json.pe: not a nanoFramework assembly the loader can walk", outcome.Stderr);
    }
}
