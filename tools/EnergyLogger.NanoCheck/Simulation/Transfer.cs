using System.Reflection.Metadata;
using EnergyLogger.NanoCheck.Metadata;

namespace EnergyLogger.NanoCheck.Simulation;

/// <summary>
/// The effect of one instruction on the abstract state: ECMA-335 partition III stack transitions, with
/// the value facts of <see cref="StackValue"/>. The unsigned tag follows reference §2 "Unsigned values
/// that stay unsigned": conv.u*, unsigned loads and unsigned declared types set it; arithmetic keeps it
/// when either operand has it; conv.i4 keeps it; conv.i1/conv.i2 sign-extend into a fresh signed value.
/// </summary>
public sealed class Transfer
{
    private readonly MethodFrame frame;
    private readonly MemberResolver resolver;

    public Transfer(MethodFrame frame, MemberResolver resolver)
    {
        this.frame = frame;
        this.resolver = resolver;
    }

    /// <summary>The number of values a call pops: the parameters, plus `this` for an instance call.</summary>
    public static int CallArgumentCount(MethodSignature<TypeShape> signature, bool isNewObj)
    {
        var count = signature.ParameterTypes.Length;
        if (signature.Header.IsInstance && !signature.Header.HasExplicitThis && !isNewObj)
        {
            count++;
        }

        return count;
    }

    public FrameState Apply(IlInstruction ins, FrameState before)
    {
        var state = new Working(before);
        switch (ins.OpCode)
        {
            case ILOpCode.Nop:
            case ILOpCode.Break:
            case ILOpCode.Jmp:
            case ILOpCode.Constrained:
            case ILOpCode.Volatile:
            case ILOpCode.Unaligned:
            case ILOpCode.Tail:
            case ILOpCode.Readonly:
                break;

            case ILOpCode.Ldarg_0:
            case ILOpCode.Ldarg_1:
            case ILOpCode.Ldarg_2:
            case ILOpCode.Ldarg_3:
            case ILOpCode.Ldarg_s:
            case ILOpCode.Ldarg:
                state.Push(Load(state, (int)ins.Integer, $"parameter '{frame.ArgumentNames[(int)ins.Integer]}'"));
                break;
            case ILOpCode.Ldloc_0:
            case ILOpCode.Ldloc_1:
            case ILOpCode.Ldloc_2:
            case ILOpCode.Ldloc_3:
            case ILOpCode.Ldloc_s:
            case ILOpCode.Ldloc:
                state.Push(Load(state, frame.Arguments.Count + (int)ins.Integer, $"local V_{ins.Integer}"));
                break;
            case ILOpCode.Starg_s:
            case ILOpCode.Starg:
                state.Store((int)ins.Integer, state.Pop());
                break;
            case ILOpCode.Stloc_0:
            case ILOpCode.Stloc_1:
            case ILOpCode.Stloc_2:
            case ILOpCode.Stloc_3:
            case ILOpCode.Stloc_s:
            case ILOpCode.Stloc:
                state.Store(frame.Arguments.Count + (int)ins.Integer, state.Pop());
                break;
            case ILOpCode.Ldarga_s:
            case ILOpCode.Ldarga:
                state.Push(new StackValue(ValueKind.Pointer, frame.Arguments[(int)ins.Integer]));
                break;
            case ILOpCode.Ldloca_s:
            case ILOpCode.Ldloca:
                state.Push(new StackValue(ValueKind.Pointer, frame.Locals[(int)ins.Integer]));
                break;

            case ILOpCode.Ldnull:
                state.Push(new StackValue(ValueKind.ObjectRef));
                break;
            case ILOpCode.Ldc_i4_m1:
            case ILOpCode.Ldc_i4_0:
            case ILOpCode.Ldc_i4_1:
            case ILOpCode.Ldc_i4_2:
            case ILOpCode.Ldc_i4_3:
            case ILOpCode.Ldc_i4_4:
            case ILOpCode.Ldc_i4_5:
            case ILOpCode.Ldc_i4_6:
            case ILOpCode.Ldc_i4_7:
            case ILOpCode.Ldc_i4_8:
            case ILOpCode.Ldc_i4_s:
            case ILOpCode.Ldc_i4:
                state.Push(StackValue.Int(ins.Integer));
                break;
            case ILOpCode.Ldc_i8:
                state.Push(StackValue.Long(ins.Integer));
                break;
            case ILOpCode.Ldc_r4:
            case ILOpCode.Ldc_r8:
                state.Push(StackValue.Real(ins.Real));
                break;
            case ILOpCode.Ldstr:
                state.Push(new StackValue(ValueKind.ObjectRef, TypeShape.Of(PrimitiveTypeCode.String)));
                break;
            case ILOpCode.Ldtoken:
            case ILOpCode.Arglist:
                state.Push(new StackValue(ValueKind.ValueType));
                break;
            case ILOpCode.Sizeof:
                state.Push(new StackValue(ValueKind.Int32, Bits: 16));
                break;

            case ILOpCode.Dup:
                state.Push(state.Peek());
                break;
            case ILOpCode.Pop:
                state.Pop();
                break;

            case ILOpCode.Call:
            case ILOpCode.Callvirt:
            case ILOpCode.Newobj:
                Call(state, ins);
                break;
            case ILOpCode.Calli:
                {
                    var signature = resolver.CallSite(ins.TokenHandle);
                    state.Pop(); // the function pointer
                    state.Pop(CallArgumentCount(signature, false));
                    PushReturn(state, signature.ReturnType, "calli");
                    break;
                }

            case ILOpCode.Ret:
                if (frame.ReturnType.Primitive != PrimitiveTypeCode.Void || frame.ReturnType.Kind != ShapeKind.Primitive)
                {
                    state.Pop();
                }

                break;
            case ILOpCode.Throw:
            case ILOpCode.Endfilter:
                state.Pop();
                break;
            case ILOpCode.Rethrow:
                break;
            case ILOpCode.Endfinally:
            case ILOpCode.Leave:
            case ILOpCode.Leave_s:
                // Both empty the evaluation stack (ECMA-335 III.3.35, III.3.46).
                state.Clear();
                break;

            case ILOpCode.Br:
            case ILOpCode.Br_s:
                break;
            case ILOpCode.Brfalse:
            case ILOpCode.Brfalse_s:
            case ILOpCode.Brtrue:
            case ILOpCode.Brtrue_s:
            case ILOpCode.Switch:
                state.Pop();
                break;
            case ILOpCode.Beq:
            case ILOpCode.Beq_s:
            case ILOpCode.Bge:
            case ILOpCode.Bge_s:
            case ILOpCode.Bge_un:
            case ILOpCode.Bge_un_s:
            case ILOpCode.Bgt:
            case ILOpCode.Bgt_s:
            case ILOpCode.Bgt_un:
            case ILOpCode.Bgt_un_s:
            case ILOpCode.Ble:
            case ILOpCode.Ble_s:
            case ILOpCode.Ble_un:
            case ILOpCode.Ble_un_s:
            case ILOpCode.Blt:
            case ILOpCode.Blt_s:
            case ILOpCode.Blt_un:
            case ILOpCode.Blt_un_s:
            case ILOpCode.Bne_un:
            case ILOpCode.Bne_un_s:
                state.Pop(2);
                break;
            case ILOpCode.Ceq:
            case ILOpCode.Cgt:
            case ILOpCode.Cgt_un:
            case ILOpCode.Clt:
            case ILOpCode.Clt_un:
                state.Pop(2);
                state.Push(new StackValue(ValueKind.Int32, Bits: 1));
                break;

            case ILOpCode.Add:
            case ILOpCode.Add_ovf:
            case ILOpCode.Add_ovf_un:
            case ILOpCode.Sub:
            case ILOpCode.Sub_ovf:
            case ILOpCode.Sub_ovf_un:
            case ILOpCode.Mul:
            case ILOpCode.Mul_ovf:
            case ILOpCode.Mul_ovf_un:
            case ILOpCode.Div:
            case ILOpCode.Div_un:
            case ILOpCode.Rem:
            case ILOpCode.Rem_un:
            case ILOpCode.And:
            case ILOpCode.Or:
            case ILOpCode.Xor:
            case ILOpCode.Shl:
            case ILOpCode.Shr:
            case ILOpCode.Shr_un:
                {
                    var right = state.Pop();
                    var left = state.Pop();
                    state.Push(Arithmetic.Binary(ins.OpCode, left, right));
                    break;
                }

            case ILOpCode.Neg:
            case ILOpCode.Not:
                state.Push(Arithmetic.Unary(ins.OpCode, state.Pop()));
                break;
            case ILOpCode.Ckfinite:
                break;

            case ILOpCode.Conv_i1:
            case ILOpCode.Conv_i2:
            case ILOpCode.Conv_i4:
            case ILOpCode.Conv_i8:
            case ILOpCode.Conv_i:
            case ILOpCode.Conv_u1:
            case ILOpCode.Conv_u2:
            case ILOpCode.Conv_u4:
            case ILOpCode.Conv_u8:
            case ILOpCode.Conv_u:
            case ILOpCode.Conv_r4:
            case ILOpCode.Conv_r8:
            case ILOpCode.Conv_r_un:
            case ILOpCode.Conv_ovf_i1:
            case ILOpCode.Conv_ovf_i2:
            case ILOpCode.Conv_ovf_i4:
            case ILOpCode.Conv_ovf_i8:
            case ILOpCode.Conv_ovf_i:
            case ILOpCode.Conv_ovf_u1:
            case ILOpCode.Conv_ovf_u2:
            case ILOpCode.Conv_ovf_u4:
            case ILOpCode.Conv_ovf_u8:
            case ILOpCode.Conv_ovf_u:
            case ILOpCode.Conv_ovf_i1_un:
            case ILOpCode.Conv_ovf_i2_un:
            case ILOpCode.Conv_ovf_i4_un:
            case ILOpCode.Conv_ovf_i8_un:
            case ILOpCode.Conv_ovf_i_un:
            case ILOpCode.Conv_ovf_u1_un:
            case ILOpCode.Conv_ovf_u2_un:
            case ILOpCode.Conv_ovf_u4_un:
            case ILOpCode.Conv_ovf_u8_un:
            case ILOpCode.Conv_ovf_u_un:
                state.Push(Conversions.Apply(ins, state.Pop()));
                break;

            case ILOpCode.Ldind_i1:
            case ILOpCode.Ldind_i2:
            case ILOpCode.Ldind_i4:
                state.Pop();
                state.Push(new StackValue(ValueKind.Int32));
                break;
            case ILOpCode.Ldind_u1:
            case ILOpCode.Ldind_u2:
            case ILOpCode.Ldind_u4:
                state.Pop();
                state.Push(Conversions.UnsignedLoad(ins));
                break;
            case ILOpCode.Ldind_i8:
            case ILOpCode.Ldind_i:
            case ILOpCode.Ldind_r4:
            case ILOpCode.Ldind_r8:
            case ILOpCode.Ldind_ref:
                {
                    // ldind.i8 serves long and ulong alike: the pointer's target type says which.
                    var pointer = state.Pop();
                    state.Push(pointer.Type?.Element is { } target
                        ? StackValue.FromType(target, ins.Name)
                        : new StackValue(ResultKind(ins.OpCode)));
                    break;
                }

            case ILOpCode.Stind_i1:
            case ILOpCode.Stind_i2:
            case ILOpCode.Stind_i4:
            case ILOpCode.Stind_i8:
            case ILOpCode.Stind_i:
            case ILOpCode.Stind_r4:
            case ILOpCode.Stind_r8:
            case ILOpCode.Stind_ref:
            case ILOpCode.Stobj:
            case ILOpCode.Cpobj:
                state.Pop(2);
                break;
            case ILOpCode.Ldobj:
                state.Pop();
                state.Push(StackValue.FromType(resolver.Types.FromToken(ins.TokenHandle), "ldobj"));
                break;
            case ILOpCode.Initobj:
                state.Pop();
                break;
            case ILOpCode.Cpblk:
            case ILOpCode.Initblk:
                state.Pop(3);
                break;
            case ILOpCode.Localloc:
                state.Pop();
                state.Push(new StackValue(ValueKind.NativeInt));
                break;

            case ILOpCode.Ldfld:
                {
                    state.Pop();
                    var field = resolver.Field(ins.TokenHandle);
                    state.Push(StackValue.FromType(field.Type, $"ldfld {field.FullName}"));
                    break;
                }

            case ILOpCode.Ldsfld:
                {
                    var field = resolver.Field(ins.TokenHandle);
                    state.Push(StackValue.FromType(field.Type, $"ldsfld {field.FullName}"));
                    break;
                }

            case ILOpCode.Ldflda:
                state.Pop();
                state.Push(new StackValue(ValueKind.Pointer, resolver.Types.GetByReferenceType(resolver.Field(ins.TokenHandle).Type)));
                break;
            case ILOpCode.Ldsflda:
                state.Push(new StackValue(ValueKind.Pointer, resolver.Types.GetByReferenceType(resolver.Field(ins.TokenHandle).Type)));
                break;
            case ILOpCode.Stfld:
                state.Pop(2);
                break;
            case ILOpCode.Stsfld:
                state.Pop();
                break;

            case ILOpCode.Box:
                state.Pop();
                state.Push(new StackValue(ValueKind.ObjectRef, TypeShape.Of(PrimitiveTypeCode.Object), Boxed: resolver.Types.FromToken(ins.TokenHandle)));
                break;
            case ILOpCode.Unbox:
                state.Pop();
                state.Push(new StackValue(ValueKind.Pointer, resolver.Types.GetByReferenceType(resolver.Types.FromToken(ins.TokenHandle))));
                break;
            case ILOpCode.Unbox_any:
                state.Pop();
                state.Push(StackValue.FromType(resolver.Types.FromToken(ins.TokenHandle), "unbox.any"));
                break;
            case ILOpCode.Castclass:
            case ILOpCode.Isinst:
                state.Pop();
                state.Push(new StackValue(ValueKind.ObjectRef, resolver.Types.FromToken(ins.TokenHandle)));
                break;
            case ILOpCode.Newarr:
                state.Pop();
                state.Push(new StackValue(ValueKind.ObjectRef, resolver.Types.GetSZArrayType(resolver.Types.FromToken(ins.TokenHandle))));
                break;
            case ILOpCode.Ldlen:
                state.Pop();
                state.Push(new StackValue(ValueKind.NativeInt, Bits: 31));
                break;
            case ILOpCode.Ldelema:
                state.Pop(2);
                state.Push(new StackValue(ValueKind.Pointer, resolver.Types.GetByReferenceType(resolver.Types.FromToken(ins.TokenHandle))));
                break;
            case ILOpCode.Ldelem_i1:
            case ILOpCode.Ldelem_i2:
            case ILOpCode.Ldelem_i4:
                state.Pop(2);
                state.Push(new StackValue(ValueKind.Int32));
                break;
            case ILOpCode.Ldelem_u1:
            case ILOpCode.Ldelem_u2:
            case ILOpCode.Ldelem_u4:
                state.Pop(2);
                state.Push(Conversions.UnsignedLoad(ins));
                break;
            case ILOpCode.Ldelem_i8:
            case ILOpCode.Ldelem_i:
            case ILOpCode.Ldelem_r4:
            case ILOpCode.Ldelem_r8:
            case ILOpCode.Ldelem_ref:
                {
                    // ldelem.i8 serves long[] and ulong[] alike: the array's element type says which.
                    state.Pop();
                    var array = state.Pop();
                    state.Push(array.Type is { Kind: ShapeKind.SzArray, Element: { } element }
                        ? StackValue.FromType(element, $"ldelem ({element.FullName}[])")
                        : new StackValue(ResultKind(ins.OpCode)));
                    break;
                }

            case ILOpCode.Ldelem:
                {
                    state.Pop(2);
                    var element = resolver.Types.FromToken(ins.TokenHandle);
                    state.Push(StackValue.FromType(element, $"ldelem ({element.FullName}[])"));
                    break;
                }

            case ILOpCode.Stelem_i:
            case ILOpCode.Stelem_i1:
            case ILOpCode.Stelem_i2:
            case ILOpCode.Stelem_i4:
            case ILOpCode.Stelem_i8:
            case ILOpCode.Stelem_r4:
            case ILOpCode.Stelem_r8:
            case ILOpCode.Stelem_ref:
            case ILOpCode.Stelem:
                state.Pop(3);
                break;

            case ILOpCode.Ldftn:
                state.Push(new StackValue(ValueKind.NativeInt));
                break;
            case ILOpCode.Ldvirtftn:
                state.Pop();
                state.Push(new StackValue(ValueKind.NativeInt));
                break;
            case ILOpCode.Mkrefany:
            case ILOpCode.Refanytype:
                state.Pop();
                state.Push(new StackValue(ValueKind.ValueType));
                break;
            case ILOpCode.Refanyval:
                state.Pop();
                state.Push(new StackValue(ValueKind.Pointer));
                break;

            default:
                throw new AnalysisException($"{ins.Name} at IL_{ins.Offset:x4} is not simulated");
        }

        return state.ToState();
    }

    private static ValueKind ResultKind(ILOpCode code) => code switch
    {
        ILOpCode.Ldind_i8 or ILOpCode.Ldelem_i8 => ValueKind.Int64,
        ILOpCode.Ldind_i or ILOpCode.Ldelem_i => ValueKind.NativeInt,
        ILOpCode.Ldind_r4 or ILOpCode.Ldind_r8 or ILOpCode.Ldelem_r4 or ILOpCode.Ldelem_r8 => ValueKind.Float,
        _ => ValueKind.ObjectRef,
    };

    /// <summary>
    /// A reload takes the declared type's tag; the other facts of the stored value (its range, constant,
    /// origin, boxed type) still describe what the variable holds.
    /// </summary>
    private StackValue Load(Working state, int variable, string source)
    {
        var type = variable < frame.Arguments.Count ? frame.Arguments[variable] : frame.Locals[variable - frame.Arguments.Count];
        var declared = StackValue.FromType(type, source);
        if (frame.AddressTaken[variable] || state.Stored(variable) is not { } stored || stored.Kind != declared.Kind)
        {
            return declared;
        }

        return declared with
        {
            Bits = declared.Bits is { } d && stored.Bits is { } s ? Math.Min(d, s) : declared.Bits ?? stored.Bits,
            IntConstant = stored.IntConstant,
            FloatConstant = stored.FloatConstant,
            Boxed = stored.Boxed,
            Origin = stored.Origin,
            Parameter = stored.Parameter,
        };
    }

    private void Call(Working state, IlInstruction ins)
    {
        var target = resolver.Method(ins.TokenHandle);
        var isNewObj = ins.OpCode == ILOpCode.Newobj;
        state.Pop(CallArgumentCount(target.Signature, isNewObj));
        if (isNewObj)
        {
            state.Push(StackValue.FromType(target.DeclaringType, "newobj"));
            return;
        }

        PushReturn(state, target.Signature.ReturnType, $"call {target.FullName}");
        if (target.DeclaringType.FullName == "System.String" && target.Name is "Compare" or "CompareTo" or "CompareOrdinal")
        {
            state.Push(state.Pop() with { Origin = ValueOrigin.StringCompare });
        }
    }

    private static void PushReturn(Working state, TypeShape returnType, string source)
    {
        if (returnType.Kind != ShapeKind.Primitive || returnType.Primitive != PrimitiveTypeCode.Void)
        {
            state.Push(StackValue.FromType(returnType, source));
        }
    }

    /// <summary>The state being built for one instruction: copies of the stack and variables, on demand.</summary>
    private sealed class Working
    {
        private readonly List<StackValue> stack;
        private readonly StackValue?[] original;
        private StackValue?[]? stored;

        public Working(FrameState before)
        {
            stack = new List<StackValue>(before.Stack);
            original = before.Stored;
        }

        public StackValue? Stored(int variable) => (stored ?? original)[variable];

        public void Store(int variable, StackValue value)
        {
            stored ??= (StackValue?[])original.Clone();
            stored[variable] = value;
        }

        public void Push(StackValue value) => stack.Add(value);

        public StackValue Peek()
        {
            if (stack.Count == 0)
            {
                throw new AnalysisException("stack underflow");
            }

            return stack[^1];
        }

        public StackValue Pop()
        {
            var top = Peek();
            stack.RemoveAt(stack.Count - 1);
            return top;
        }

        public void Pop(int count)
        {
            for (var i = 0; i < count; i++)
            {
                Pop();
            }
        }

        public void Clear() => stack.Clear();

        public FrameState ToState() => new(stack.ToArray(), stored ?? original);
    }
}
