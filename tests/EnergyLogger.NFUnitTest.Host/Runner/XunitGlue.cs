using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EnergyLogger.NFUnitTest.Host
{
    /// <summary>
    /// A theory whose data rows are nanoFramework cases: each row is one xunit case named after the nanoFramework
    /// test ("Class.Method(args)"), and a case that ends in nanoFramework's SkipTestException is reported skipped
    /// (xunit 2 has no skip from inside a test).
    /// </summary>
    [XunitTestCaseDiscoverer("EnergyLogger.NFUnitTest.Host.NanoTheoryDiscoverer", "EnergyLogger.NFUnitTest.Host")]
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class NanoTheoryAttribute : TheoryAttribute
    {
    }

    /// <summary>
    /// One <see cref="NanoXunitCase"/> per data row. The rows are names (strings), which xunit always enumerates at
    /// discovery, so every row becomes a case of its own.
    /// </summary>
    public sealed class NanoTheoryDiscoverer : TheoryDiscoverer
    {
        public NanoTheoryDiscoverer(IMessageSink diagnosticMessageSink)
            : base(diagnosticMessageSink)
        {
        }

        protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions,
            ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
        {
            yield return new NanoXunitCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow);
        }
    }

    public sealed class NanoXunitCase : XunitTestCase
    {
        [EditorBrowsable(EditorBrowsableState.Never)]
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public NanoXunitCase()
        {
        }

        public NanoXunitCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options,
            ITestMethod testMethod, object[] testMethodArguments)
            : base(diagnosticMessageSink, display, options, testMethod, testMethodArguments)
        {
        }

        /// <summary>The nanoFramework test's own name, so that a result names the test it belongs to.</summary>
        protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName)
        {
            return TestMethodArguments != null && TestMethodArguments.Length == 1 && TestMethodArguments[0] is string name
                ? name
                : base.GetDisplayName(factAttribute, displayName);
        }

        public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus,
            object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
        {
            var bus = new SkipTestBus(messageBus);
            RunSummary summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource);
            summary.Failed -= bus.Skipped;
            summary.Skipped += bus.Skipped;
            return summary;
        }
    }

    /// <summary>Turns a test failed by nanoFramework's SkipTestException into a skipped one.</summary>
    internal sealed class SkipTestBus : IMessageBus
    {
        private readonly IMessageBus inner;

        public SkipTestBus(IMessageBus inner)
        {
            this.inner = inner;
        }

        public int Skipped { get; private set; }

        public bool QueueMessage(IMessageSinkMessage message)
        {
            if (message is ITestFailed failed && failed.ExceptionTypes.Length > 0
                && failed.ExceptionTypes[0] == typeof(nanoFramework.TestFramework.SkipTestException).FullName)
            {
                Skipped++;
                string reason = failed.Messages.Length > 0 && !string.IsNullOrEmpty(failed.Messages[0]) ? failed.Messages[0] : "Assert.SkipTest";
                return inner.QueueMessage(new TestSkipped(failed.Test, reason));
            }

            return inner.QueueMessage(message);
        }

        public void Dispose()
        {
        }
    }

    /// <summary>Runs the cases in the launcher's order (Setups, tests, data rows, Cleanups, class by class).</summary>
    public sealed class LauncherOrder : ITestCaseOrderer
    {
        public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
            where TTestCase : ITestCase
        {
            return testCases
                .OrderBy(c => NanoCatalog.OrderOf(c.TestMethodArguments != null && c.TestMethodArguments.Length == 1 ? c.TestMethodArguments[0] as string : null))
                .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
        }
    }

    /// <summary>Lives for the whole run: at its end, the Cleanups that a filtered run left out.</summary>
    public sealed class NanoSession : IDisposable
    {
        public void Dispose()
        {
            foreach (string failure in NanoLauncher.Finish())
            {
                Console.Error.WriteLine("nanoFramework cleanup failed: " + failure);
            }
        }
    }

    /// <summary>nanoFramework's OutputHelper, line by line into the running xunit case's output.</summary>
    internal sealed class TestOutputWriter : TextWriter
    {
        private readonly ITestOutputHelper output;
        private readonly StringBuilder line = new StringBuilder();

        public TestOutputWriter(ITestOutputHelper output)
        {
            this.output = output;
        }

        public override Encoding Encoding
        {
            get { return Encoding.UTF8; }
        }

        public override void Write(char value)
        {
            if (value == '\n')
            {
                Flush();
            }
            else if (value != '\r')
            {
                line.Append(value);
            }
        }

        public override void Flush()
        {
            output.WriteLine(line.ToString());
            line.Clear();
        }

        public void FlushPartial()
        {
            if (line.Length > 0)
            {
                Flush();
            }
        }
    }
}
