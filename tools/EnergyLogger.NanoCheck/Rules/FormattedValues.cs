using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// Where a value becomes text through its own ToString: a direct ToString call (Double::ToString,
/// or Object::ToString under `constrained. T` or on a boxed T), or a boxed T handed to string
/// concatenation or formatting, which call ToString inside. Shared by the double and enum rules.
/// </summary>
public static class FormattedValues
{
    /// <summary>The value types that a call turns into text, each with how.</summary>
    public static IEnumerable<(TypeShape Type, string How)> Find(InstructionSite site)
    {
        var callee = site.Callee;
        if (callee is null)
        {
            yield break;
        }

        if (callee.Name == "ToString")
        {
            if (callee.DeclaringType.Kind is ShapeKind.Primitive or ShapeKind.Enum or ShapeKind.ValueType
                && callee.DeclaringType.Primitive != System.Reflection.Metadata.PrimitiveTypeCode.Object)
            {
                yield return (callee.DeclaringType, $"{callee.FullName} is called");
            }
            else if (site.Constrained is { } constrained)
            {
                yield return (constrained, $"{callee.FullName} is called on a {constrained.FullName}");
            }
            else if (site.Receiver(callee) is { Boxed: { } boxed })
            {
                yield return (boxed, $"{callee.FullName} is called on a boxed {boxed.FullName}");
            }
        }

        if (IsFormatting(callee))
        {
            for (var i = 0; i < callee.Signature.ParameterTypes.Length; i++)
            {
                if (site.Argument(callee, i) is { Boxed: { } boxed })
                {
                    yield return (boxed, $"a boxed {boxed.FullName} is formatted by {callee.FullName}");
                }
            }
        }
    }

    private static bool IsFormatting(MethodTarget callee)
    {
        return callee.DeclaringType.FullName switch
        {
            "System.String" => callee.Name is "Concat" or "Format",
            "System.Text.StringBuilder" => callee.Name is "Append" or "AppendFormat" or "Insert",
            _ => false,
        };
    }
}
