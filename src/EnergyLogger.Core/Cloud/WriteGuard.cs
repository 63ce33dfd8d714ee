using EnergyLogger.Core.Json;
using EnergyLogger.Core.Modbus;
using EnergyLogger.Core.Registers;

namespace EnergyLogger.Core.Cloud
{
    /// <summary>
    /// The allowlist of remote and scheduled writes (RELIABILITY C7): the registers must be exactly one point the map
    /// marks writable, and the value they encode must lie in that point's writeMin..writeMax. Touches nothing but the map,
    /// so a refusal puts no byte on the bus; a schedule's actions are checked against its config's map before it is taken.
    /// </summary>
    public static class WriteGuard
    {
        /// <summary>0 when <paramref name="request"/> may be written with <paramref name="map"/> in use, otherwise the status (403, 422, 503) and why not.</summary>
        public static int Check(RegisterMap map, RegsWriteRequest request, out string reason)
        {
            return Check(map, request.Unit, request.Address, request.Values, out reason);
        }

        /// <summary>
        /// The same rule for registers <paramref name="addr"/>.. of <paramref name="unit"/> taking <paramref name="values"/>
        /// (all of the array): the local MODBUS TCP gateway's writes meet it as the cloud's do.
        /// </summary>
        public static int Check(RegisterMap map, int unit, int addr, ushort[] values, out string reason)
        {
            reason = null;
            if (map == null)
            {
                reason = "no register map in use";
                return 503;
            }

            PointDefinition point = WritablePoint(map, unit, addr, values.Length);
            if (point == null)
            {
                reason = "registers " + addr.ToString() + ".." + (addr + values.Length - 1).ToString() + " of unit " + unit.ToString() + " are not a writable point of the map";
                return 403;
            }

            if (point.ScaleFactorPoint >= 0)
            {
                reason = point.Name + ": scaled by another register, not writable remotely";
                return 403;
            }

            if (point.Type == RegisterType.String)
            {
                return 0;
            }

            double value = ValueCodec.ToDouble(values, 0, point.Type, point.Order) * point.Scale + point.Offset;
            double min = point.Type == RegisterType.Bool ? 0 : point.WriteMin;
            double max = point.Type == RegisterType.Bool ? 1 : point.WriteMax;
            if (double.IsNaN(value) || !PointDecoder.InRange(value, min, max))
            {
                reason = point.Name + ": value outside " + JsonNumberFormat.Text(min) + ".." + JsonNumberFormat.Text(max);
                return 422;
            }

            return 0;
        }

        private static PointDefinition WritablePoint(RegisterMap map, int unit, int addr, int count)
        {
            for (int i = 0; i < map.Points.Length; i++)
            {
                PointDefinition p = map.Points[i];
                if (p.Writable && p.Function == FunctionCode.ReadHoldingRegisters && p.Address == addr && p.Count == count
                    && map.Devices[p.Device].Slave == unit)
                {
                    return p;
                }
            }

            return null;
        }
    }
}
