using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>
/// One check of `nanocheck il`. A rule looks at simulated instructions, at whole methods, or at the
/// assembly's tables, and reports hits under its <see cref="Id"/> (what the allow list names).
/// </summary>
public abstract class IlRule
{
    public abstract string Id { get; }

    /// <summary>True for noisy rules that run only with --strict.</summary>
    public virtual bool StrictOnly => false;

    public virtual void CheckInstruction(InstructionSite site, HitList hits)
    {
    }

    public virtual void CheckMethod(MethodFrame frame, MemberResolver resolver, HitList hits)
    {
    }

    public virtual void CheckAssembly(LoadedAssembly assembly, MemberResolver resolver, HitList hits)
    {
    }
}
