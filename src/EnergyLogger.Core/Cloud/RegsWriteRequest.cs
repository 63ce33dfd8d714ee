using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// What a <c>regs_write</c> asks for: <c>{"unit":1,"addr":142,"values":[50],"fc":16,"verify":true}</c>. Read the one way
    /// for the command and for a schedule's actions, so both accept exactly the same payloads.
    /// </summary>
    public sealed class RegsWriteRequest
    {
        public const int MaxValues = 123;

        public int Unit { get; private set; }

        public int Address { get; private set; }

        public ushort[] Values { get; private set; }

        /// <summary>FC06 for one register unless 16 was asked for; several registers always go as FC16.</summary>
        public bool Multiple { get; private set; }

        /// <summary>Read back after the write and restore the old value on a mismatch (default true).</summary>
        public bool Verify { get; private set; }

        /// <summary>The request in <paramref name="payload"/> (a token of <paramref name="doc"/>), or null with the member at fault in <paramref name="reason"/>.</summary>
        public static RegsWriteRequest Read(JsonDocument doc, int payload, out string reason)
        {
            int unit, addr, fc;
            ushort[] values = null;
            if (!CommandArgs.Integer(doc, payload, "unit", 1, 247, true, 0, out unit, out reason)
                || !CommandArgs.Integer(doc, payload, "addr", 0, 65535, true, 0, out addr, out reason)
                || !CommandArgs.Integer(doc, payload, "fc", 6, 16, false, 0, out fc, out reason)
                || (values = CommandArgs.Registers(doc, payload, "values", MaxValues, out reason)) == null)
            {
                return null;
            }

            if ((fc != 0 && fc != 6 && fc != 16) || (fc == 6 && values.Length != 1))
            {
                reason = "fc: 6 for one register or 16";
                return null;
            }

            return new RegsWriteRequest
            {
                Unit = unit,
                Address = addr,
                Values = values,
                Multiple = fc == 16 || values.Length > 1,
                Verify = CommandArgs.Flag(doc, payload, "verify", true),
            };
        }
    }
}
