using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using EnergyLogger.Core.Ota;

namespace EnergyLogger.Host.Ota;

/// <summary>
/// The application image of an update package, made from a nanoFramework build folder: the application's own
/// assemblies (<c>EnergyLogger.*.pe</c> but the loader, which is never updated over the air), each on a 4-byte
/// boundary, in dependency order, exactly as the loader walks it (<see cref="AssemblyImage"/>) and loads it:
/// an assembly can only be loaded after the assemblies it references. The order is read from the assembly
/// references of the .dll that the nanoFramework build writes next to each .pe.
/// </summary>
internal static class ApplicationImage
{
    public const string Prefix = "EnergyLogger.";
    private const string Loader = "EnergyLogger.Loader";

    public sealed record Part(string Name, string PePath, byte[] Pe, string[] References);

    /// <summary>The application's assemblies in <paramref name="folder"/>, in an order the loader can load.</summary>
    public static Part[] Collect(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new OtaFileException($"{folder}: no such folder");
        }

        Part[] parts = Directory.GetFiles(folder, Prefix + "*.pe")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => name != Loader)
            .Order(StringComparer.Ordinal)
            .Select(name => Read(folder, name))
            .ToArray();
        if (parts.Length == 0)
        {
            throw new OtaFileException($"{folder}: no {Prefix}*.pe files (build the device project first)");
        }

        if (parts.Length > AssemblyImage.MaxAssemblies)
        {
            throw new OtaFileException($"{folder}: {parts.Length} assemblies; the loader takes at most {AssemblyImage.MaxAssemblies}");
        }

        return InDependencyOrder(parts);
    }

    /// <summary>The parts one after another, each padded to a 4-byte boundary.</summary>
    public static byte[] Build(IReadOnlyList<Part> parts)
    {
        int length = parts.Aggregate(0, (position, p) => AssemblyImage.Next(position, p.Pe.Length));
        if (length > UpdatePackage.MaxImageLength)
        {
            throw new OtaFileException($"the image is {length} bytes; a package holds at most {UpdatePackage.MaxImageLength}");
        }

        var image = new byte[length];
        int at = 0;
        foreach (Part p in parts)
        {
            p.Pe.CopyTo(image, at);
            at = AssemblyImage.Next(at, p.Pe.Length);
        }

        return image;
    }

    /// <summary>Each part after every part it references; a reference cycle cannot be loaded and is refused.</summary>
    public static Part[] InDependencyOrder(IReadOnlyList<Part> parts)
    {
        var byName = parts.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var ordered = new List<Part>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: being visited, true: placed
        foreach (Part p in parts)
        {
            Visit(p, byName, state, ordered, []);
        }

        return [.. ordered];
    }

    private static void Visit(Part part, Dictionary<string, Part> byName, Dictionary<string, bool> state, List<Part> ordered, List<string> path)
    {
        if (state.TryGetValue(part.Name, out bool placed))
        {
            if (!placed)
            {
                throw new OtaFileException($"assembly references form a cycle: {string.Join(" -> ", path)} -> {part.Name}");
            }

            return;
        }

        state[part.Name] = false;
        path.Add(part.Name);
        foreach (string reference in part.References)
        {
            if (byName.TryGetValue(reference, out Part? dependency))
            {
                Visit(dependency, byName, state, ordered, path);
            }
        }

        path.RemoveAt(path.Count - 1);
        state[part.Name] = true;
        ordered.Add(part);
    }

    private static Part Read(string folder, string name)
    {
        string pePath = Path.Combine(folder, name + ".pe");
        string dllPath = Path.Combine(folder, name + ".dll");
        byte[] pe = File.ReadAllBytes(pePath);
        if (AssemblyImage.Length(pe, 0, pe.Length, pe.Length) != pe.Length)
        {
            throw new OtaFileException($"{pePath}: not a nanoFramework assembly the loader can walk (NFMRK2 header with its exact size)");
        }

        if (!File.Exists(dllPath))
        {
            throw new OtaFileException($"{dllPath}: missing; its assembly references give the load order");
        }

        return new Part(name, pePath, pe, References(dllPath));
    }

    private static string[] References(string dllPath)
    {
        try
        {
            using var stream = File.OpenRead(dllPath);
            using var reader = new PEReader(stream);
            MetadataReader metadata = reader.GetMetadataReader();
            return metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToArray();
        }
        catch (BadImageFormatException e)
        {
            throw new OtaFileException($"{dllPath}: not a .NET assembly ({e.Message})");
        }
    }
}
