namespace EnergyLogger.Vectors
{
    /// <summary>
    /// The JSON number text the sample writer must produce for a value, significant digits and decimals,
    /// identical on nanoFramework and .NET (whose own double.ToString differ). The doubles are compile-time
    /// literals, so both runtimes start from the same bits.
    /// </summary>
    public static class NumberFormatVectors
    {
        public static readonly double[] Value =
        {
            0.0, -0.0, 1.0, -1.0, 229.70000000000002, 0.30000000000000004, 49.99, -100.0, 0.0001, 0.00000049,
            0.0000005, 0.125, -0.125, 2.5, 429496729.5, 123456.789, 123456.789, 229.6999969482422, 9.9999999999999,
            999999999999999.0, 1e15, 1.5e20, -2.5e300, 0.3333333333333333, 65535.0, -32768.0,
        };

        public static readonly int[] Significant =
        {
            12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 4, 7, 7, 12, 12, 12, 12, 12, 12, 12, 12,
        };

        public static readonly int[] Decimals =
        {
            6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 2, 2, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 9, 6, 6,
        };

        public static readonly string[] Text =
        {
            "0", "0", "1", "-1", "229.7", "0.3", "49.99", "-100", "0.0001", "0", "0.000001", "0.13", "-0.13", "3",
            "429496729.5", "123457", "123456.8", "229.7", "10", "999999999999999", "1e+15", "1.5e+20", "-2.5e+300",
            "0.333333333", "65535", "-32768",
        };
    }
}
