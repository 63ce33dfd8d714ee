using System;

namespace EnergyLogger.Core.Registers
{
    /// <summary>
    /// The inverse of <see cref="PointDecoder"/>: a value in the point's own units and its device's own
    /// sign becomes the point's registers (scale and offset undone, bit field placed, word order applied).
    /// Used for remote register writes and by simulators that must hold what a device would hold.
    /// </summary>
    public static class PointEncoder
    {
        /// <summary>
        /// Writes <paramref name="value"/> into the point's registers at <paramref name="offset"/>. The words
        /// there must hold the point's current registers: a bit field or 8-bit type keeps the other bits.
        /// With <paramref name="nearestStep"/> false, a value between two steps of the scale is refused
        /// (NotInteger) rather than silently rounded, as a remote write must be exact. Nothing is
        /// written unless the status is Ok.
        /// </summary>
        public static EncodeStatus Encode(PointDefinition point, double value, bool nearestStep, ushort[] words, int offset)
        {
            if (point.Type == RegisterType.String)
            {
                return EncodeStatus.WrongType;
            }

            if (point.ScaleFactorPoint >= 0)
            {
                return EncodeStatus.NeedsScaleFactor;
            }

            double steps = (value - point.Offset) / point.Scale;
            if (point.Type == RegisterType.Float32)
            {
                return ValueCodec.FromDouble(steps, RegisterType.Float32, point.Order, words, offset);
            }

            if (double.IsNaN(steps) || double.IsInfinity(steps))
            {
                return EncodeStatus.OutOfRange;
            }

            double raw = Math.Round(steps);
            if (!nearestStep && 1e-6 * Math.Max(1.0, Math.Abs(steps)) < Math.Abs(steps - raw))
            {
                return EncodeStatus.NotInteger;
            }

            return point.Mask == 0
                ? ValueCodec.FromDouble(raw, point.Type, point.Order, words, offset)
                : EncodeBitField(point, raw, words, offset);
        }

        private static EncodeStatus EncodeBitField(PointDefinition point, double raw, ushort[] words, int offset)
        {
            if (raw < 0 || 0x7FFFFFFF < raw)
            {
                return EncodeStatus.OutOfRange;
            }

            ulong placed = (ulong)raw << point.Shift;
            if ((placed & ~point.Mask) != 0)
            {
                return EncodeStatus.OutOfRange;
            }

            ulong current = (ulong)ValueCodec.ToInt64(words, offset, point.RawType, point.Order);
            long updated = (long)((current & ~point.Mask) | placed);
            return ValueCodec.FromInt64(updated, point.RawType, point.Order, words, offset);
        }
    }
}
