using System.Collections.Generic;
using System.Linq;
using nanoFramework.TestFramework;
using Xunit;
using Xunit.Abstractions;

namespace EnergyLogger.NFUnitTest.Host
{
    /// <summary>
    /// Every nanoFramework test method and data row of tests/NFUnitTest*, as one xunit case each, named
    /// "Class.Method(args)"; each [Setup] and [Cleanup] is a case of its own too ("... [Setup]"), as in the
    /// nanoFramework test adapter.
    /// </summary>
    [TestCaseOrderer("EnergyLogger.NFUnitTest.Host.LauncherOrder", "EnergyLogger.NFUnitTest.Host")]
    public sealed class NanoFrameworkTests : IClassFixture<NanoSession>
    {
        private readonly ITestOutputHelper output;

        public NanoFrameworkTests(ITestOutputHelper output, NanoSession session)
        {
            this.output = output;
        }

        public static IEnumerable<object[]> Cases
        {
            get { return NanoCatalog.Cases.Select(c => new object[] { c.Name }); }
        }

        [NanoTheory]
        [MemberData(nameof(Cases))]
        public void Run(string name)
        {
            var writer = new TestOutputWriter(output);
            OutputHelper.Sink = writer;
            try
            {
                NanoLauncher.Run(NanoCatalog.Find(name));
            }
            finally
            {
                writer.FlushPartial();
                OutputHelper.Sink = null;
            }
        }
    }
}
