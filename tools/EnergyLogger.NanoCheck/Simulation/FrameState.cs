namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>
/// The abstract state before one instruction: the evaluation stack, and for each argument and local the
/// facts of the value last stored into it (null: only its declared type is known). The unsigned tag is
/// not kept here: a reload takes the variable's declared type as its tag, as nanoCLR retags on stloc
/// (reference §2: "Debug hides the bug").
/// </summary>
public sealed class FrameState
{
    public FrameState(StackValue[] stack, StackValue?[] stored)
    {
        Stack = stack;
        Stored = stored;
    }

    public StackValue[] Stack { get; }

    /// <summary>Arguments first, then locals.</summary>
    public StackValue?[] Stored { get; }

    public static FrameState Empty(int variables) => new(Array.Empty<StackValue>(), new StackValue?[variables]);

    /// <summary>The state on entry: each argument holds its caller's value (<see cref="StackValue.Parameter"/>).</summary>
    public static FrameState Entry(MethodFrame frame)
    {
        var stored = new StackValue?[frame.VariableCount];
        for (var i = 0; i < frame.Arguments.Count; i++)
        {
            stored[i] = StackValue.FromType(frame.Arguments[i], "argument") with { Parameter = i };
        }

        return new FrameState(Array.Empty<StackValue>(), stored);
    }

    /// <summary>Merges two states that meet at a join; null when <paramref name="incoming"/> adds nothing.</summary>
    public static FrameState? Join(FrameState? existing, FrameState incoming)
    {
        if (existing is null)
        {
            return incoming;
        }

        if (existing.Stack.Length != incoming.Stack.Length)
        {
            throw new AnalysisException($"stack depths {existing.Stack.Length} and {incoming.Stack.Length} meet at a join");
        }

        var changed = false;
        var stack = new StackValue[existing.Stack.Length];
        for (var i = 0; i < stack.Length; i++)
        {
            stack[i] = StackValue.Merge(existing.Stack[i], incoming.Stack[i]);
            changed |= stack[i] != existing.Stack[i];
        }

        var stored = new StackValue?[existing.Stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            stored[i] = existing.Stored[i] is { } a && incoming.Stored[i] is { } b ? StackValue.Merge(a, b) : null;
            changed |= stored[i] != existing.Stored[i];
        }

        return changed ? new FrameState(stack, stored) : null;
    }
}

/// <summary>IL the simulator cannot follow (unverifiable or malformed); the method is reported and skipped.</summary>
public sealed class AnalysisException : Exception
{
    public AnalysisException(string message)
        : base(message)
    {
    }
}
