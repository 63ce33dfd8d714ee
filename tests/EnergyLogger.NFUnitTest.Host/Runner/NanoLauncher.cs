using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.ExceptionServices;
using nanoFramework.TestFramework;

namespace EnergyLogger.NFUnitTest.Host
{
    /// <summary>
    /// Runs nanoFramework test cases with the launcher's semantics, one case at a time:
    /// <list type="bullet">
    /// <item>each class's [Setup] methods run once, before its first case; a Setup that calls Assert.SkipTest skips
    /// the rest of its class (later Setups, the tests and the Cleanups), and a Setup that fails is reported on its own
    /// case while the tests still run, as on the device;</item>
    /// <item>each [Cleanup] runs once, on its own case, which the launcher's order puts after the class's tests, or
    /// at the end of the run when a filter left it out (<see cref="Finish"/>);</item>
    /// <item>methods run without an instance of their class, as the launcher's MethodInfo.Invoke(null, ...) does on
    /// the nanoCLR: a test that reads an instance field fails here as it does there;</item>
    /// <item>a <see cref="SkipTestException"/> leaves a case as skipped.</item>
    /// </list>
    /// </summary>
    public static class NanoLauncher
    {
        private static readonly ConcurrentDictionary<Type, ClassRun> Classes = new ConcurrentDictionary<Type, ClassRun>();
        private static readonly ConcurrentDictionary<MethodInfo, Action<object[]>> Callers = new ConcurrentDictionary<MethodInfo, Action<object[]>>();
        private static readonly object Gate = new object();

        public static void Run(NanoCase nanoCase)
        {
            lock (Gate)
            {
                ClassRun run = Classes.GetOrAdd(nanoCase.TestClass, t => new ClassRun(t));
                run.EnsureSetUp();
                switch (nanoCase.Kind)
                {
                    case NanoCaseKind.Setup:
                        run.ReportSetup(nanoCase.Method);
                        break;
                    case NanoCaseKind.Test:
                        run.ThrowIfSkipped();
                        Invoke(nanoCase.Method, nanoCase.Arguments);
                        break;
                    case NanoCaseKind.Cleanup:
                        run.ThrowIfSkipped();
                        run.CleanUp(nanoCase.Method);
                        break;
                }
            }
        }

        /// <summary>Runs the Cleanups that no case ran, for every class whose Setups ran; returns what they threw.</summary>
        public static IList<string> Finish()
        {
            var failures = new List<string>();
            lock (Gate)
            {
                foreach (ClassRun run in Classes.Values)
                {
                    failures.AddRange(run.CleanUpTheRest());
                }

                Classes.Clear();
            }

            return failures;
        }

        /// <summary>Calls the method with a null 'this' and the row's arguments; exceptions come out as thrown.</summary>
        internal static void Invoke(MethodInfo method, object[] arguments)
        {
            ParameterInfo[] parameters = method.GetParameters();
            int count = arguments == null ? 0 : arguments.Length;
            if (count != parameters.Length)
            {
                throw new TargetParameterCountException("Parameter count mismatch: " + method.Name + " takes " + parameters.Length
                    + " parameter(s), the launcher passes " + count + ".");
            }

            for (int i = 0; i < count; i++)
            {
                Type type = parameters[i].ParameterType;
                object argument = arguments[i];
                bool fits = argument == null ? !type.IsValueType || Nullable.GetUnderlyingType(type) != null : type.IsInstanceOfType(argument);
                if (!fits)
                {
                    throw new ArgumentException("DataRow argument " + i + " (" + (argument == null ? "null" : argument.GetType().Name + " " + argument)
                        + ") does not fit parameter '" + parameters[i].Name + "' of type " + type.Name + ": write it with that type, e.g. (" + type.Name + ")value.");
                }
            }

            Callers.GetOrAdd(method, Compile)(arguments);
        }

        // The CLR's reflection refuses an instance method without an instance; the IL 'call' instruction does not.
        private static Action<object[]> Compile(MethodInfo method)
        {
            ParameterInfo[] parameters = method.GetParameters();
            if (parameters.Any(p => p.ParameterType.IsByRef) || method.ContainsGenericParameters)
            {
                throw new NotSupportedException(method.Name + ": the launcher cannot call a generic method or one with ref or out parameters.");
            }

            var caller = new DynamicMethod("nanoFramework_" + method.Name, typeof(void), new[] { typeof(object[]) }, method.Module, skipVisibility: true);
            ILGenerator il = caller.GetILGenerator();
            if (!method.IsStatic)
            {
                il.Emit(OpCodes.Ldnull);
            }

            for (int i = 0; i < parameters.Length; i++)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i);
                il.Emit(OpCodes.Ldelem_Ref);
                il.Emit(OpCodes.Unbox_Any, parameters[i].ParameterType);
            }

            il.Emit(OpCodes.Call, method);
            if (method.ReturnType != typeof(void))
            {
                il.Emit(OpCodes.Pop);
            }

            il.Emit(OpCodes.Ret);
            return (Action<object[]>)caller.CreateDelegate(typeof(Action<object[]>));
        }

        private static bool IsSkip(Exception exception)
        {
            return exception != null && exception.GetType() == typeof(SkipTestException);
        }

        /// <summary>The state of one test class between its Setups and its Cleanups.</summary>
        private sealed class ClassRun
        {
            private readonly Type type;
            private readonly Dictionary<MethodInfo, ExceptionDispatchInfo> setupFailures = new Dictionary<MethodInfo, ExceptionDispatchInfo>();
            private readonly HashSet<MethodInfo> setupsRun = new HashSet<MethodInfo>();
            private readonly HashSet<MethodInfo> cleanupsRun = new HashSet<MethodInfo>();
            private bool setUp;
            private string skipReason;

            public ClassRun(Type type)
            {
                this.type = type;
            }

            private IEnumerable<NanoCase> Own(NanoCaseKind kind)
            {
                return NanoCatalog.Cases.Where(c => c.TestClass == type && c.Kind == kind);
            }

            public void EnsureSetUp()
            {
                if (setUp)
                {
                    return;
                }

                setUp = true;
                foreach (NanoCase setup in Own(NanoCaseKind.Setup))
                {
                    setupsRun.Add(setup.Method);
                    try
                    {
                        Invoke(setup.Method, null);
                    }
                    catch (Exception exception)
                    {
                        setupFailures[setup.Method] = ExceptionDispatchInfo.Capture(exception);
                        if (IsSkip(exception))
                        {
                            skipReason = setup.Name + " skipped the class: " + exception.Message;
                            break;
                        }
                    }
                }
            }

            public void ReportSetup(MethodInfo method)
            {
                ExceptionDispatchInfo failure;
                if (setupFailures.TryGetValue(method, out failure))
                {
                    failure.Throw();
                }

                if (!setupsRun.Contains(method))
                {
                    throw new SkipTestException("not run: " + skipReason);
                }
            }

            public void ThrowIfSkipped()
            {
                if (skipReason != null)
                {
                    throw new SkipTestException(skipReason);
                }
            }

            public void CleanUp(MethodInfo method)
            {
                if (!cleanupsRun.Add(method))
                {
                    return;
                }

                try
                {
                    Invoke(method, null);
                }
                finally
                {
                    // Once every Cleanup ran, a later case of the class starts again from its Setups.
                    if (Own(NanoCaseKind.Cleanup).All(c => cleanupsRun.Contains(c.Method)))
                    {
                        Classes.TryRemove(type, out _);
                    }
                }
            }

            public IEnumerable<string> CleanUpTheRest()
            {
                var failures = new List<string>();
                if (skipReason != null)
                {
                    return failures;
                }

                foreach (NanoCase cleanup in Own(NanoCaseKind.Cleanup).Where(c => !cleanupsRun.Contains(c.Method)).ToList())
                {
                    cleanupsRun.Add(cleanup.Method);
                    try
                    {
                        Invoke(cleanup.Method, null);
                    }
                    catch (Exception exception)
                    {
                        failures.Add(cleanup.Name + ": " + exception.GetType().Name + ": " + exception.Message);
                    }
                }

                return failures;
            }
        }
    }
}
