using EnergyLogger.Core.Modbus;

namespace EnergyLogger.Core.SunSpec
{
    /// <summary>
    /// Walks a SunSpec device's chain (SunSpec Information Model Specification, 4.1 and 4.2): "SunS" at 40000, 0 or 50000,
    /// then models one after the other, each a header of its ID and its length L, up to the end model (ID 0xFFFF). The
    /// walk follows each model's own L, so a common model of 66 registers where 65 were expected moves the later models
    /// and the walk finds them where they are.
    /// </summary>
    public static class SunSpecChain
    {
        /// <summary>Where the marker may be, in the order the specification asks to try them.</summary>
        public static readonly int[] Bases = { SunSpecModels.BaseAddress, 0, 50000 };

        /// <summary>A chain longer than this is taken for a device that does not end its chain.</summary>
        public const int MaxModels = 64;

        /// <summary>The marker's address, or -1 when the device has none at any base.</summary>
        public static int FindBase(ModbusMaster master, byte unit)
        {
            var marker = new ushort[2];
            for (int i = 0; i < Bases.Length; i++)
            {
                if (master.ReadRegisters(unit, FunctionCode.ReadHoldingRegisters, Bases[i], 2, marker, 0).IsOk
                    && marker[0] == SunSpecModels.MarkHigh && marker[1] == SunSpecModels.MarkLow)
                {
                    return Bases[i];
                }
            }

            return -1;
        }

        /// <summary>The device's chain, or null with <paramref name="error"/> saying why not.</summary>
        public static SunSpecDevice Walk(ModbusMaster master, byte unit, out string error)
        {
            error = null;
            int start = FindBase(master, unit);
            if (start < 0)
            {
                error = "unit " + unit.ToString() + ": no SunSpec marker \"SunS\" at 40000, 0, 50000";
                return null;
            }

            var ids = new int[MaxModels];
            var addresses = new int[MaxModels];
            var lengths = new int[MaxModels];
            var header = new ushort[2];
            int count = 0;
            int at = start + 2;
            while (true)
            {
                ModbusResult read = master.ReadRegisters(unit, FunctionCode.ReadHoldingRegisters, at, 2, header, 0);
                if (!read.IsOk)
                {
                    error = "unit " + unit.ToString() + ": the model header at " + at.ToString() + " could not be read (" + read.ToString() + ")";
                    return null;
                }

                int id = header[0];
                int length = header[1];
                if (id == SunSpecModels.EndId)
                {
                    return new SunSpecDevice(unit, start, Trim(ids, count), Trim(addresses, count), Trim(lengths, count));
                }

                if (count == MaxModels || at + 2 + length > 65535)
                {
                    error = "unit " + unit.ToString() + ": the chain does not end (model " + id.ToString() + " at " + at.ToString()
                        + ", length " + length.ToString() + ")";
                    return null;
                }

                ids[count] = id;
                addresses[count] = at;
                lengths[count] = length;
                count++;
                at += 2 + length;
            }
        }

        private static int[] Trim(int[] values, int count)
        {
            var trimmed = new int[count];
            System.Array.Copy(values, trimmed, count);
            return trimmed;
        }
    }
}
