using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>The fixed point of a simulation: the state before each reachable instruction (null: unreachable).</summary>
public sealed class SimulationResult
{
    public SimulationResult(MethodFrame frame, FrameState?[] before)
    {
        Frame = frame;
        Before = before;
    }

    public MethodFrame Frame { get; }

    public FrameState?[] Before { get; }
}

/// <summary>
/// Abstract interpretation of one method body: a worklist over instructions that follows every branch,
/// merges states where paths join and repeats until nothing changes. Every fact in
/// <see cref="StackValue"/> only ever loses precision at a join, so the loop ends. Exception handlers
/// start with the exception object on the stack (catch, filter) or an empty one (finally, fault), and
/// nothing known about the variables.
/// </summary>
public static class StackSimulator
{
    /// <summary>Visits per instruction before the simulation gives up (a safety net; real IL needs a few).</summary>
    private const int MaxVisitsPerInstruction = 200;

    public static SimulationResult Run(MethodFrame frame, MemberResolver resolver)
    {
        var instructions = frame.Instructions;
        var index = new Dictionary<int, int>(instructions.Count);
        for (var i = 0; i < instructions.Count; i++)
        {
            index[instructions[i].Offset] = i;
        }

        var before = new FrameState?[instructions.Count];
        var visits = new int[instructions.Count];
        var pending = new Stack<int>();
        var queued = new bool[instructions.Count];

        void Flow(int offset, FrameState state)
        {
            if (!index.TryGetValue(offset, out var target))
            {
                throw new AnalysisException($"branch to IL_{offset:x4}, which starts no instruction");
            }

            var joined = FrameState.Join(before[target], state);
            if (joined is null)
            {
                return;
            }

            before[target] = joined;
            if (!queued[target])
            {
                queued[target] = true;
                pending.Push(target);
            }
        }

        if (instructions.Count == 0)
        {
            return new SimulationResult(frame, before);
        }

        Flow(0, FrameState.Entry(frame));
        foreach (var region in frame.Body.ExceptionRegions)
        {
            var exception = new StackValue(
                ValueKind.ObjectRef,
                region.Kind == ExceptionRegionKind.Catch && !region.CatchType.IsNil
                    ? resolver.Types.FromToken(region.CatchType)
                    : TypeShape.Named(ShapeKind.Class, "System.Exception"));
            var withException = new FrameState(new[] { exception }, new StackValue?[frame.VariableCount]);
            switch (region.Kind)
            {
                case ExceptionRegionKind.Catch:
                    Flow(region.HandlerOffset, withException);
                    break;
                case ExceptionRegionKind.Filter:
                    Flow(region.FilterOffset, withException);
                    Flow(region.HandlerOffset, withException);
                    break;
                default:
                    Flow(region.HandlerOffset, FrameState.Empty(frame.VariableCount));
                    break;
            }
        }

        var transfer = new Transfer(frame, resolver);
        while (pending.Count > 0)
        {
            var i = pending.Pop();
            queued[i] = false;
            if (++visits[i] > MaxVisitsPerInstruction)
            {
                throw new AnalysisException($"no fixed point at IL_{instructions[i].Offset:x4}");
            }

            var instruction = instructions[i];
            var after = transfer.Apply(instruction, before[i]!);
            foreach (var successor in Successors(instruction))
            {
                Flow(successor, after);
            }
        }

        return new SimulationResult(frame, before);
    }

    /// <summary>IL offsets control can reach next (ECMA-335 III.1.7.2 control flow).</summary>
    public static IEnumerable<int> Successors(IlInstruction instruction)
    {
        switch (instruction.OpCode)
        {
            case ILOpCode.Br:
            case ILOpCode.Br_s:
            case ILOpCode.Leave:
            case ILOpCode.Leave_s:
                return instruction.Targets;
            case ILOpCode.Ret:
            case ILOpCode.Throw:
            case ILOpCode.Rethrow:
            case ILOpCode.Endfinally:
            case ILOpCode.Endfilter:
            case ILOpCode.Jmp:
                return Array.Empty<int>();
            default:
                return instruction.Targets.Count == 0
                    ? new[] { instruction.End }
                    : instruction.Targets.Prepend(instruction.End);
        }
    }
}
