using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;
using EnergyLogger.NanoCheck.Simulation;

namespace EnergyLogger.NanoCheck.Rules;

/// <summary>One reachable instruction with the simulated state before it: what a rule inspects.</summary>
public sealed class InstructionSite
{
    private readonly int index;

    public InstructionSite(MethodFrame frame, int index, FrameState before, MemberResolver resolver)
    {
        Frame = frame;
        this.index = index;
        Before = before;
        Resolver = resolver;
    }

    public MethodFrame Frame { get; }

    public IlInstruction Instruction => Frame.Instructions[index];

    public ILOpCode OpCode => Instruction.OpCode;

    public FrameState Before { get; }

    public MemberResolver Resolver { get; }

    /// <summary>Callee summaries for the rules that follow values into calls; null inside a summary.</summary>
    public NanSensitiveCallees? Callees { get; init; }

    public int Depth => Before.Stack.Length;

    public bool IsCall => OpCode is ILOpCode.Call or ILOpCode.Callvirt or ILOpCode.Newobj;

    /// <summary>The method a call, callvirt or newobj names; null for other instructions.</summary>
    public MethodTarget? Callee => IsCall ? Resolver.Method(Instruction.TokenHandle) : null;

    /// <summary>The type of a `constrained.` prefix right before this callvirt.</summary>
    public TypeShape? Constrained =>
        index > 0 && Frame.Instructions[index - 1].OpCode == ILOpCode.Constrained
            ? Resolver.Types.FromToken(Frame.Instructions[index - 1].TokenHandle)
            : null;

    /// <summary>The value <paramref name="depth"/> slots below the top (0: the top).</summary>
    public StackValue Peek(int depth = 0)
    {
        if (depth >= Before.Stack.Length)
        {
            throw new AnalysisException($"stack underflow at IL_{Instruction.Offset:x4}");
        }

        return Before.Stack[Before.Stack.Length - 1 - depth];
    }

    /// <summary>The value a call passes for parameter <paramref name="parameter"/> (0-based, `this` excluded).</summary>
    public StackValue Argument(MethodTarget callee, int parameter) =>
        Peek(callee.Signature.ParameterTypes.Length - 1 - parameter);

    /// <summary>The receiver of an instance call (null for static calls and newobj).</summary>
    public StackValue? Receiver(MethodTarget callee)
    {
        if (!callee.Signature.Header.IsInstance || OpCode == ILOpCode.Newobj)
        {
            return null;
        }

        return Peek(callee.Signature.ParameterTypes.Length);
    }
}
