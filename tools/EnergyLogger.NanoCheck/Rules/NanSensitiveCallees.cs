using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>A parameter that a method compares with a NaN-unsafe opcode, and where.</summary>
public sealed record NanSensitiveParameter(int Index, string Name, string Where);

/// <summary>
/// Which parameters of a callee reach a NaN-unsafe floating-point comparison unchanged (reference §2
/// "Comparisons with NaN"). A helper such as `InRange(value, min, max)` written with `>` is wrong on
/// nanoCLR for every caller that can pass a NaN, so [nan-compare] reports those calls too. Callees
/// are analysed in the checked assembly and in the assemblies beside it (Core's pieces call each
/// other); each once.
/// </summary>
public sealed class NanSensitiveCallees
{
    private readonly LoadedAssembly assembly;
    private readonly MemberResolver resolver;
    private readonly SiblingAssemblies? siblings;
    private readonly Dictionary<(string, MethodDefinitionHandle), IReadOnlyList<NanSensitiveParameter>> cache = new();
    private readonly Dictionary<string, MemberResolver> siblingResolvers = new(StringComparer.Ordinal);

    public NanSensitiveCallees(LoadedAssembly assembly, MemberResolver resolver, SiblingAssemblies? siblings)
    {
        this.assembly = assembly;
        this.resolver = resolver;
        this.siblings = siblings;
    }

    public IReadOnlyList<NanSensitiveParameter> Of(EntityHandle method)
    {
        if (method.Kind == HandleKind.MethodDefinition)
        {
            return Analyse(assembly, resolver, (MethodDefinitionHandle)method);
        }

        if (method.Kind == HandleKind.MemberReference && siblings is not null)
        {
            var reference = resolver.Reader.GetMemberReference((MemberReferenceHandle)method);
            if (reference.Parent.Kind == HandleKind.TypeReference
                && siblings.Find(resolver.Reader, (TypeReferenceHandle)reference.Parent) is { } found
                && FindMethod(found.File, found.Handle, resolver.Method(method)) is { } definition)
            {
                return Analyse(found.File, ResolverFor(found.File), definition);
            }
        }

        return Array.Empty<NanSensitiveParameter>();
    }

    private IReadOnlyList<NanSensitiveParameter> Analyse(LoadedAssembly owner, MemberResolver ownerResolver, MethodDefinitionHandle handle)
    {
        var key = (owner.Path, handle);
        if (cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = new List<NanSensitiveParameter>();
        cache[key] = result;
        var body = owner.GetBody(owner.Reader.GetMethodDefinition(handle));
        if (body is null)
        {
            return result;
        }

        try
        {
            var frame = MethodFrame.Create(owner, handle, body, ownerResolver.Types);
            var simulation = StackSimulator.Run(frame, ownerResolver);
            var locator = new SourceLocator(owner.Pdb);
            var thisOffset = frame.ArgumentNames.Count > 0 && frame.ArgumentNames[0] == "this" ? 1 : 0;
            for (var i = 0; i < frame.Instructions.Count; i++)
            {
                if (simulation.Before[i] is not { } before)
                {
                    continue;
                }

                var site = new InstructionSite(frame, i, before, ownerResolver);
                if (!NanCompareRule.IsUnsafeFloatComparison(site))
                {
                    continue;
                }

                foreach (var operand in new[] { site.Peek(1), site.Peek(0) })
                {
                    if (operand is { IsFloat: true, Parameter: { } p } && p >= thisOffset && result.All(r => r.Index != p - thisOffset))
                    {
                        var line = locator.Find(handle, site.Instruction.Offset);
                        var where = line is null
                            ? $"{frame.Name}, IL_{site.Instruction.Offset:x4}"
                            : $"{System.IO.Path.GetFileName(line.Document)}:{line.Line}";
                        result.Add(new NanSensitiveParameter(p - thisOffset, frame.ArgumentNames[p], where));
                    }
                }
            }
        }
        catch (Exception e) when (e is AnalysisException or BadImageFormatException)
        {
            // The callee's own analysis reports it; its callers are simply not followed.
        }

        return result;
    }

    private MemberResolver ResolverFor(LoadedAssembly file)
    {
        if (!siblingResolvers.TryGetValue(file.Path, out var found))
        {
            found = new MemberResolver(file.Reader, new TypeShapeProvider(file.Reader, siblings));
            siblingResolvers[file.Path] = found;
        }

        return found;
    }

    /// <summary>The definition a member reference names: same name, instance-ness and parameter types.</summary>
    private MethodDefinitionHandle? FindMethod(LoadedAssembly file, TypeDefinitionHandle type, MethodTarget wanted)
    {
        var types = ResolverFor(file).Types;
        foreach (var handle in file.Reader.GetTypeDefinition(type).GetMethods())
        {
            var method = file.Reader.GetMethodDefinition(handle);
            if (!file.Reader.StringComparer.Equals(method.Name, wanted.Name))
            {
                continue;
            }

            var signature = method.DecodeSignature(types, null);
            if (signature.Header.IsInstance == wanted.Signature.Header.IsInstance
                && signature.ParameterTypes.Select(t => t.FullName).SequenceEqual(wanted.Signature.ParameterTypes.Select(t => t.FullName)))
            {
                return handle;
            }
        }

        return null;
    }
}
