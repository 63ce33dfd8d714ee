using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using nanoFramework.TestFramework;

namespace EnergyLogger.NFUnitTest.Host
{
    public enum NanoCaseKind
    {
        Setup,
        Test,
        Cleanup,
    }

    /// <summary>One thing nanoFramework's launcher runs: a [Setup], a test method, one data row of one, or a [Cleanup].</summary>
    public sealed class NanoCase
    {
        internal NanoCase(NanoCaseKind kind, Type testClass, MethodInfo method, object[] arguments)
        {
            Kind = kind;
            TestClass = testClass;
            Method = method;
            Arguments = arguments;
        }

        public NanoCaseKind Kind { get; }

        public Type TestClass { get; }

        public MethodInfo Method { get; }

        /// <summary>The data row's arguments; null for a method without rows, which the launcher calls without arguments.</summary>
        public object[] Arguments { get; }

        /// <summary>"Class.Method(args)", with " [Setup]" or " [Cleanup]" after a lifecycle method: the xunit case's name.</summary>
        public string Name { get; internal set; }
    }

    /// <summary>
    /// The nanoFramework tests compiled into this assembly, found and ordered the way nanoFramework.TestFramework's
    /// UnitTestLauncher finds and runs them: every class carrying exactly [TestClass]; of its public methods
    /// (Type.GetMethods), first each [Setup], then each [TestMethod], then each [DataRow] of each method, then each
    /// [Cleanup]. A method that has [DataRow] runs only through its rows, even if it also has [TestMethod]
    /// (Helper.RemoveTestMethodIfDataRowExists).
    /// </summary>
    public static class NanoCatalog
    {
        private static readonly Lazy<IReadOnlyList<NanoCase>> Discovered = new Lazy<IReadOnlyList<NanoCase>>(Discover);
        private static readonly Lazy<Dictionary<string, int>> Index = new Lazy<Dictionary<string, int>>(
            () => Enumerable.Range(0, Cases.Count).ToDictionary(i => Cases[i].Name, i => i, StringComparer.Ordinal));

        /// <summary>Every case, in the launcher's order.</summary>
        public static IReadOnlyList<NanoCase> Cases
        {
            get { return Discovered.Value; }
        }

        /// <summary>The test methods: methods with [TestMethod] or [DataRow], whatever their rows.</summary>
        public static int TestMethodCount
        {
            get { return Cases.Where(c => c.Kind == NanoCaseKind.Test).Select(c => c.Method).Distinct().Count(); }
        }

        /// <summary>The test runs: one per test method without rows, one per data row.</summary>
        public static int TestCaseCount
        {
            get { return Cases.Count(c => c.Kind == NanoCaseKind.Test); }
        }

        public static NanoCase Find(string name)
        {
            int index;
            if (name == null || !Index.Value.TryGetValue(name, out index))
            {
                throw new ArgumentException("No nanoFramework test is named '" + name + "'.", nameof(name));
            }

            return Cases[index];
        }

        /// <summary>The case's place in the launcher's order; unknown names go last.</summary>
        public static int OrderOf(string name)
        {
            int index;
            return name != null && Index.Value.TryGetValue(name, out index) ? index : int.MaxValue;
        }

        private static IReadOnlyList<NanoCase> Discover()
        {
            var cases = new List<NanoCase>();
            foreach (Type type in typeof(NanoCatalog).Assembly.GetTypes())
            {
                if (!type.IsClass || !type.GetCustomAttributes(true).Any(a => a.GetType() == typeof(TestClassAttribute)))
                {
                    continue;
                }

                MethodInfo[] methods = type.GetMethods();
                Add(cases, type, methods, typeof(SetupAttribute));
                Add(cases, type, methods, typeof(TestMethodAttribute));
                Add(cases, type, methods, typeof(DataRowAttribute));
                Add(cases, type, methods, typeof(CleanupAttribute));
            }

            Name(cases);
            return cases;
        }

        private static void Add(List<NanoCase> cases, Type type, MethodInfo[] methods, Type attributeToRun)
        {
            foreach (MethodInfo method in methods)
            {
                foreach (object attribute in RemoveTestMethodIfDataRowExists(method.GetCustomAttributes(true)))
                {
                    if (attribute.GetType() != attributeToRun)
                    {
                        continue;
                    }

                    NanoCaseKind kind = attributeToRun == typeof(SetupAttribute) ? NanoCaseKind.Setup
                        : attributeToRun == typeof(CleanupAttribute) ? NanoCaseKind.Cleanup
                        : NanoCaseKind.Test;
                    object[] arguments = attribute is DataRowAttribute row ? row.MethodParameters : null;
                    cases.Add(new NanoCase(kind, type, method, arguments));
                }
            }
        }

        private static IEnumerable<object> RemoveTestMethodIfDataRowExists(object[] attributes)
        {
            bool hasRows = attributes.Any(a => a.GetType() == typeof(DataRowAttribute));
            return hasRows ? attributes.Where(a => a.GetType() != typeof(TestMethodAttribute)) : attributes;
        }

        /// <summary>Names every case; a class name shared by two test classes is written in full, a repeated name gets " #2", " #3".</summary>
        private static void Name(List<NanoCase> cases)
        {
            var sharedNames = new HashSet<string>(cases.Select(c => c.TestClass).Distinct()
                .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (NanoCase c in cases)
            {
                string className = sharedNames.Contains(c.TestClass.Name) ? c.TestClass.FullName : c.TestClass.Name;
                string name = className + "." + c.Method.Name + "(" + FormatArguments(c.Arguments) + ")";
                if (c.Kind != NanoCaseKind.Test)
                {
                    name += " [" + c.Kind + "]";
                }

                int count;
                seen.TryGetValue(name, out count);
                seen[name] = ++count;
                c.Name = count == 1 ? name : name + " #" + count.ToString(CultureInfo.InvariantCulture);
            }
        }

        private static string FormatArguments(object[] arguments)
        {
            return arguments == null ? string.Empty : string.Join(", ", arguments.Select(Format));
        }

        private static string Format(object value)
        {
            switch (value)
            {
                case null:
                    return "null";
                case string s:
                    return "\"" + Escape(s) + "\"";
                case char c:
                    return "'" + Escape(c.ToString()) + "'";
                case bool b:
                    return b ? "true" : "false";
                case Array array:
                    return "[" + string.Join(", ", array.Cast<object>().Select(Format)) + "]";
                case IFormattable formattable:
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString();
            }
        }

        private static string Escape(string text)
        {
            var escaped = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                switch (c)
                {
                    case '\\': escaped.Append("\\\\"); break;
                    case '"': escaped.Append("\\\""); break;
                    case '\'': escaped.Append("\\'"); break;
                    case '\r': escaped.Append("\\r"); break;
                    case '\n': escaped.Append("\\n"); break;
                    case '\t': escaped.Append("\\t"); break;
                    case '\0': escaped.Append("\\0"); break;
                    default:
                        if (char.IsControl(c))
                        {
                            escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            escaped.Append(c);
                        }

                        break;
                }
            }

            return escaped.ToString();
        }
    }
}
