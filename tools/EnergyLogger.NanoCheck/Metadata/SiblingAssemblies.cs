using System.Reflection.Metadata;

namespace EnergyLogger.NanoCheck.Metadata;

/// <summary>
/// The assemblies next to the one being checked, opened on demand to learn what a TypeRef is (an enum
/// from a sibling project formats as a number on nanoCLR just as a local one does). A build output
/// folder holds the project references, so Core's pieces find each other; the nanoFramework libraries
/// themselves are usually absent, and their types then stay unclassified.
/// </summary>
public sealed class SiblingAssemblies : IDisposable
{
    private readonly string directory;
    private readonly Dictionary<string, LoadedAssembly?> opened = new(StringComparer.OrdinalIgnoreCase);

    public SiblingAssemblies(string directory)
    {
        this.directory = directory;
    }

    public (LoadedAssembly File, TypeDefinitionHandle Handle)? Find(MetadataReader reader, TypeReferenceHandle handle)
    {
        var reference = reader.GetTypeReference(handle);
        if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference)
        {
            return null;
        }

        var assemblyName = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
        var file = Open(assemblyName);
        if (file is null)
        {
            return null;
        }

        var ns = reader.GetString(reference.Namespace);
        var name = reader.GetString(reference.Name);
        foreach (var candidate in file.Reader.TypeDefinitions)
        {
            var type = file.Reader.GetTypeDefinition(candidate);
            if (type.GetDeclaringType().IsNil
                && file.Reader.StringComparer.Equals(type.Name, name)
                && file.Reader.StringComparer.Equals(type.Namespace, ns))
            {
                return (file, candidate);
            }
        }

        return null;
    }

    public void Dispose()
    {
        foreach (var file in opened.Values)
        {
            file?.Dispose();
        }

        opened.Clear();
    }

    private LoadedAssembly? Open(string assemblyName)
    {
        if (opened.TryGetValue(assemblyName, out var file))
        {
            return file;
        }

        var path = Path.Combine(directory, assemblyName + ".dll");
        try
        {
            file = File.Exists(path) ? LoadedAssembly.Open(path) : null;
        }
        catch (InputException)
        {
            file = null;
        }

        opened[assemblyName] = file;
        return file;
    }
}
