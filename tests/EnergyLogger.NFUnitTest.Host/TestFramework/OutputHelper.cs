using System;
using System.IO;
using System.Threading;

namespace nanoFramework.TestFramework
{
    /// <summary>
    /// Test output. On the device it goes to the console; here to the output of the xunit case that is running
    /// (the runner sets <see cref="Sink"/>), or to the console outside one.
    /// </summary>
    public static class OutputHelper
    {
        private static readonly AsyncLocal<TextWriter> Current = new AsyncLocal<TextWriter>();

        internal static TextWriter Sink
        {
            get { return Current.Value ?? Console.Out; }
            set { Current.Value = value; }
        }

        public static void Write(string message)
        {
            Sink.Write(message);
        }

        public static void WriteLine(string message)
        {
            Sink.WriteLine(message);
        }
    }
}
