using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>
/// One compiled assembly opened for reading: its metadata, its method bodies and, when there is one,
/// its portable PDB (next to the DLL or embedded). Nothing is loaded into the running process, so
/// assemblies built against the nanoFramework facades read like any other.
/// </summary>
public sealed class LoadedAssembly : IDisposable
{
    private readonly PEReader pe;
    private readonly MetadataReaderProvider? pdbProvider;

    private LoadedAssembly(string path, PEReader pe, MetadataReader reader, MetadataReaderProvider? pdbProvider)
    {
        Path = path;
        this.pe = pe;
        Reader = reader;
        this.pdbProvider = pdbProvider;
        Pdb = pdbProvider?.GetMetadataReader();
        Name = reader.IsAssembly
            ? reader.GetString(reader.GetAssemblyDefinition().Name)
            : System.IO.Path.GetFileNameWithoutExtension(path);
    }

    public string Path { get; }

    /// <summary>The assembly's simple name, as the summary lines and the size table print it.</summary>
    public string Name { get; }

    public MetadataReader Reader { get; }

    /// <summary>The portable PDB, or null when the DLL has none (hits then name method and IL offset only).</summary>
    public MetadataReader? Pdb { get; }

    public static LoadedAssembly Open(string path)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException($"cannot read {path}: {e.Message}", e);
        }

        var pe = new PEReader(stream);
        try
        {
            if (!pe.HasMetadata)
            {
                throw new InputException($"{path} is not a .NET assembly (no metadata)");
            }

            var reader = pe.GetMetadataReader();
            MetadataReaderProvider? pdb = null;
            try
            {
                pe.TryOpenAssociatedPortablePdb(path, OpenIfExists, out pdb, out _);
            }
            catch (Exception e) when (e is BadImageFormatException or IOException)
            {
                // A stale or foreign PDB only costs the line numbers, not the check.
                pdb = null;
            }

            return new LoadedAssembly(path, pe, reader, pdb);
        }
        catch (BadImageFormatException e)
        {
            pe.Dispose();
            throw new InputException($"{path} is not a readable .NET assembly: {e.Message}", e);
        }
        catch
        {
            pe.Dispose();
            throw;
        }
    }

    /// <summary>The IL body of a method, or null for abstract, extern and runtime-implemented methods.</summary>
    public MethodBodyBlock? GetBody(MethodDefinition method)
    {
        return method.RelativeVirtualAddress == 0 ? null : pe.GetMethodBody(method.RelativeVirtualAddress);
    }

    public void Dispose()
    {
        pdbProvider?.Dispose();
        pe.Dispose();
    }

    private static Stream? OpenIfExists(string path)
    {
        return File.Exists(path) ? File.OpenRead(path) : null;
    }
}
