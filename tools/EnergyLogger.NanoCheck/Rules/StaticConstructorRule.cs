using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// [static-ctor] Reference §2 "Types, statics and time": nanoCLR runs static constructors eagerly and
/// swallows an exception thrown in one, leaving the type half-initialised. A static constructor may
/// fill fields with constants, arrays (RuntimeHelpers.InitializeArray) and instances of the assembly's
/// own types; a throw, or a call to anything else, is reported. `new object()` (a lock) cannot throw
/// and is allowed.
/// </summary>
public sealed class StaticConstructorRule : IlRule
{
    public const string RuleId = "static-ctor";

    public override string Id => RuleId;

    public override void CheckMethod(MethodFrame frame, MemberResolver resolver, HitList hits)
    {
        if (!frame.IsStaticConstructor)
        {
            return;
        }

        foreach (var instruction in frame.Instructions)
        {
            string? what = null;
            switch (instruction.OpCode)
            {
                case ILOpCode.Throw:
                    what = "throws";
                    break;
                case ILOpCode.Call:
                case ILOpCode.Callvirt:
                    {
                        var callee = resolver.Method(instruction.TokenHandle);
                        if (!callee.Is("System.Runtime.CompilerServices.RuntimeHelpers", "InitializeArray"))
                        {
                            what = $"calls {callee.FullName}";
                        }

                        break;
                    }

                case ILOpCode.Newobj:
                    {
                        var callee = resolver.Method(instruction.TokenHandle);
                        if (!callee.DefinedHere && callee.DeclaringType.FullName != "System.Object")
                        {
                            what = $"constructs {callee.DeclaringType.FullName}";
                        }

                        break;
                    }
            }

            if (what is not null)
            {
                hits.Add(
                    Id,
                    $"static constructor {what}: nanoCLR runs static constructors eagerly and swallows their exceptions, " +
                    "leaving the type half-initialised (reference §2 'Types, statics and time'); keep it to constants and arrays, or initialise on first use",
                    frame,
                    instruction.Offset);
            }
        }
    }
}
