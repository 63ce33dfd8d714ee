using EnergyLogger.Core.Json;
using EnergyLogger.Core.Registers;
using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// The compact form of stored samples and aggregates (docs/cloud.md, "Outbox records"): each record says only what
    /// changed since the record before it in the same segment, in varints; a key record says everything (it is encoded
    /// against zeros), so a damaged record costs only the records up to the next key. A sample of the Deye map takes about 70 bytes
    /// instead of 1.4 KB of JSON. Layout: kind | flags | seq delta (when not the next) | mono delta | wall-time delta |
    /// [aggregate: count, seq span, time span, interval] | per channel (value, then an aggregate's min and max): a bitmap
    /// of the slots whose mantissa moved, their deltas, then the slots set anew (decimals and mantissa) | the slots whose
    /// quality changed. Pure: no I/O, no allocation.
    /// </summary>
    public static class RecordCodec
    {
        public const byte SampleKind = 2;
        public const byte AggregateKind = 3;

        private const int Synced = 1;
        private const int SeqGiven = 2;
        private const int Aggregate = 4;
        private const int ValueBitmap = 8;
        private const int MinBitmap = 16;
        private const int MaxBitmap = 32;
        private const int Key = 64;

        // A mantissa is brought to more decimals only while it stays far inside a long.
        private static readonly long[] RescaleLimit =
        {
            long.MaxValue, 100000000000000000L, 10000000000000000L, 1000000000000000L, 100000000000000L, 10000000000000L,
            1000000000000L, 100000000000L, 10000000000L, 1000000000L,
        };

        private static readonly long[] Powers =
        {
            1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L, 1000000000L,
        };

        /// <summary>The most bytes a record of <paramref name="layout"/> can take.</summary>
        public static int MaxBytes(SampleLayout layout)
        {
            int slots = layout.SlotCount;
            int bitmap = (slots + 7) / 8;
            return 64 + (3 * (bitmap + (slots * (3 + (2 * Varint.MaxBytes))))) + (slots * (Varint.MaxBytes + 1));
        }

        /// <summary>Whether the compact record at <paramref name="offset"/> (its kind byte) is a key record, decoded against zeros.</summary>
        public static bool IsKey(byte[] buf, int offset, int count)
        {
            return count >= 2 && (buf[offset] == SampleKind || buf[offset] == AggregateKind) && (buf[offset + 1] & Key) != 0;
        }

        /// <summary>A mapped sample as a state of its layout.</summary>
        public static void Capture(Sample sample, RecordState state)
        {
            SampleLayout layout = state.Layout;
            state.Seq = sample.Sequence;
            state.SeqLast = sample.Sequence;
            state.Mono = state.MonoFirst = sample.MonotonicMs;
            state.Unix = state.UnixFirst = sample.ClockSynced ? sample.UnixMs : 0;
            state.Synced = sample.ClockSynced;
            state.Count = 0;
            state.IntervalS = 0;
            for (int s = 0; s < layout.SlotCount; s++)
            {
                bool field = s < layout.FieldSlots;
                int f = field ? layout.FieldOf(s) : s - layout.FieldSlots;
                ValueQuality quality = field ? sample.Quality[f] : sample.ExtraQuality[f];
                bool fresh = field ? sample.Fresh[f] : sample.ExtraFresh[f];
                state.Quality[s] = quality != ValueQuality.Ok ? (byte)quality : fresh ? RecordState.FreshQuality : (byte)0;
                if (quality != ValueQuality.Ok)
                {
                    continue;
                }

                FieldKind kind = layout.KindOf(s);
                if (kind == FieldKind.Code)
                {
                    state.Value.Set(s, field ? sample.Codes[f] : sample.ExtraCodes[f], 0);
                }
                else if (kind == FieldKind.Bool)
                {
                    state.Value.Set(s, sample.Values[f] != 0 ? 1 : 0, 0);
                }
                else
                {
                    SetNumber(state.Value, s, field ? sample.Values[f] : sample.ExtraValues[f], layout.DigitsOf(s));
                }
            }
        }

        /// <summary>A number as the JSON prints it, at the slot's significant digits.</summary>
        public static void SetNumber(RecordState.Channel channel, int slot, double value, int digits)
        {
            long mantissa;
            int decimals;
            if (JsonNumberFormat.Decompose(value, digits, JsonWriter.DefaultMaxDecimals, out mantissa, out decimals))
            {
                channel.Set(slot, mantissa, decimals);
            }
            else
            {
                channel.Set(slot, System.BitConverter.DoubleToInt64Bits(value), RecordState.RawBits);
            }
        }

        /// <summary>
        /// Writes <paramref name="next"/> as what changed since <paramref name="state"/> (since zeros for a
        /// <paramref name="key"/> record), then makes <paramref name="state"/> equal to what a reader of the record will
        /// hold. Returns the length, or 0 when <paramref name="buf"/> has less room than <see cref="MaxBytes"/>.
        /// </summary>
        public static int Encode(RecordState next, RecordState state, byte[] buf, int offset, bool key)
        {
            if (offset + MaxBytes(next.Layout) > buf.Length)
            {
                return 0;
            }

            if (key)
            {
                state.Clear();
            }

            bool aggregate = next.IsAggregate;
            int pos = offset;
            buf[pos++] = aggregate ? AggregateKind : SampleKind;
            int flagsAt = pos++;
            int flags = (next.Synced ? Synced : 0) | (aggregate ? Aggregate : 0) | (key ? Key : 0);
            if (next.Seq != state.LastSeq + 1)
            {
                flags |= SeqGiven;
                pos = Varint.WriteSigned(buf, pos, next.Seq - state.Seq);
            }

            pos = Varint.WriteSigned(buf, pos, next.Mono - state.Mono);
            if (next.Synced)
            {
                pos = Varint.WriteSigned(buf, pos, next.Unix - state.Unix);
            }

            if (aggregate)
            {
                pos = Varint.WriteUnsigned(buf, pos, next.Count);
                pos = Varint.WriteSigned(buf, pos, next.SeqLast - next.Seq);
                pos = Varint.WriteSigned(buf, pos, next.Mono - next.MonoFirst);
                if (next.Synced)
                {
                    pos = Varint.WriteSigned(buf, pos, next.Unix - next.UnixFirst);
                }

                pos = Varint.WriteUnsigned(buf, pos, next.IntervalS);
            }

            pos = Channel(next, next.Value, state.Value, false, buf, pos, ValueBitmap, ref flags);
            if (aggregate)
            {
                pos = Channel(next, next.Min, state.Min, true, buf, pos, MinBitmap, ref flags);
                pos = Channel(next, next.Max, state.Max, true, buf, pos, MaxBitmap, ref flags);
            }

            pos = Qualities(next, state, buf, pos);
            buf[flagsAt] = (byte)flags;
            state.Seq = next.Seq;
            state.SeqLast = next.SeqLast;
            state.Mono = next.Mono;
            state.MonoFirst = next.MonoFirst;
            state.Unix = next.Synced ? next.Unix : state.Unix;
            state.UnixFirst = next.UnixFirst;
            state.Synced = next.Synced;
            state.Count = next.Count;
            state.IntervalS = next.IntervalS;
            return pos - offset;
        }

        /// <summary>
        /// Applies one record to <paramref name="state"/> (the state of the record before it): afterwards it holds this
        /// record. False when the bytes are not a record of the state's layout; the state is then undefined.
        /// </summary>
        public static bool Decode(byte[] buf, int offset, int count, RecordState state)
        {
            int end = offset + count;
            int pos = offset;
            if (count < 2 || (buf[pos] != SampleKind && buf[pos] != AggregateKind))
            {
                return false;
            }

            bool aggregate = buf[pos++] == AggregateKind;
            int flags = buf[pos++];
            if ((flags & Key) != 0)
            {
                state.Clear();
            }

            long delta;
            long seq = state.LastSeq + 1;
            if ((flags & SeqGiven) != 0)
            {
                if (!Varint.ReadSigned(buf, ref pos, end, out delta))
                {
                    return false;
                }

                seq = state.Seq + delta;
            }

            if (!Varint.ReadSigned(buf, ref pos, end, out delta))
            {
                return false;
            }

            state.Seq = state.SeqLast = seq;
            state.Mono = state.MonoFirst = state.Mono + delta;
            state.Synced = (flags & Synced) != 0;
            if (state.Synced)
            {
                if (!Varint.ReadSigned(buf, ref pos, end, out delta))
                {
                    return false;
                }

                state.Unix = state.UnixFirst = state.Unix + delta;
            }

            state.Count = 0;
            state.IntervalS = 0;
            if (aggregate && !ReadAggregate(buf, ref pos, end, state))
            {
                return false;
            }

            int slots = state.Layout.SlotCount;
            return ReadChannel(buf, ref pos, end, state.Value, slots, (flags & ValueBitmap) != 0)
                && (!aggregate || ReadChannel(buf, ref pos, end, state.Min, slots, (flags & MinBitmap) != 0))
                && (!aggregate || ReadChannel(buf, ref pos, end, state.Max, slots, (flags & MaxBitmap) != 0))
                && ReadQualities(buf, ref pos, end, state)
                && pos == end;
        }

        /// <summary>Fills a sample made by the layout's <see cref="SampleLayout.CreateSample"/> from a state, for the JSON writer.</summary>
        public static void Render(RecordState state, Sample sample)
        {
            SampleLayout layout = state.Layout;
            sample.Sequence = state.Seq;
            sample.MonotonicMs = state.Mono;
            sample.UnixMs = state.Unix;
            sample.ClockSynced = state.Synced;
            sample.AggregateCount = state.Count;
            sample.SequenceLast = state.SeqLast;
            sample.FirstMonotonicMs = state.MonoFirst;
            sample.FirstUnixMs = state.UnixFirst;
            sample.IntervalSeconds = state.IntervalS;
            for (int s = 0; s < layout.SlotCount; s++)
            {
                byte q = state.Quality[s];
                ValueQuality quality = RecordState.IsGood(q) ? ValueQuality.Ok : (ValueQuality)q;
                bool fresh = q == RecordState.FreshQuality;
                if (s >= layout.FieldSlots)
                {
                    int x = s - layout.FieldSlots;
                    sample.ExtraQuality[x] = quality;
                    sample.ExtraFresh[x] = fresh;
                    bool code = layout.KindOf(s) == FieldKind.Code;
                    sample.ExtraValues[x] = quality != ValueQuality.Ok ? 0 : code ? state.Value.Mantissa[s] : state.Value.ValueOf(s);
                    sample.ExtraCodes[x] = quality == ValueQuality.Ok && code ? state.Value.Mantissa[s] : 0;
                    continue;
                }

                int f = layout.FieldOf(s);
                sample.Quality[f] = quality;
                sample.Fresh[f] = fresh;
                bool good = quality == ValueQuality.Ok;
                sample.Codes[f] = good && layout.KindOf(s) == FieldKind.Code ? state.Value.Mantissa[s] : 0;
                sample.Values[f] = !good ? 0 : layout.KindOf(s) == FieldKind.Code || layout.KindOf(s) == FieldKind.Bool ? state.Value.Mantissa[s] : state.Value.ValueOf(s);
                bool minMax = good && state.IsAggregate && layout.KeepsMinMax(s);
                sample.HasMinMax[f] = minMax;
                sample.MinValues[f] = minMax ? state.Min.ValueOf(s) : 0;
                sample.MaxValues[f] = minMax ? state.Max.ValueOf(s) : 0;
            }
        }

        private static bool ReadAggregate(byte[] buf, ref int pos, int end, RecordState state)
        {
            long span;
            int count;
            if (!Varint.ReadCount(buf, ref pos, end, int.MaxValue, out count) || count < 1 || !Varint.ReadSigned(buf, ref pos, end, out span))
            {
                return false;
            }

            state.Count = count;
            state.SeqLast = state.Seq + span;
            if (!Varint.ReadSigned(buf, ref pos, end, out span))
            {
                return false;
            }

            state.MonoFirst = state.Mono - span;
            if (state.Synced)
            {
                if (!Varint.ReadSigned(buf, ref pos, end, out span))
                {
                    return false;
                }

                state.UnixFirst = state.Unix - span;
            }

            int intervalS;
            if (!Varint.ReadCount(buf, ref pos, end, int.MaxValue, out intervalS))
            {
                return false;
            }

            state.IntervalS = intervalS;
            return true;
        }

        /// <summary>
        /// One channel: the slots it carries in this record (good values; for min and max only an aggregate's power
        /// fields) that moved by a delta at the decimals the state has, then those set anew.
        /// </summary>
        private static int Channel(RecordState next, RecordState.Channel now, RecordState.Channel was, bool minMax, byte[] buf, int pos, int bitmapFlag, ref int flags)
        {
            SampleLayout layout = next.Layout;
            int slots = layout.SlotCount;
            int bitmapAt = pos;
            int bitmapBytes = (slots + 7) / 8;
            for (int i = 0; i < bitmapBytes; i++)
            {
                buf[bitmapAt + i] = 0;
            }

            pos += bitmapBytes;
            int resets = 0;
            for (int s = 0; s < slots; s++)
            {
                if (!Carried(next, s, minMax))
                {
                    continue;
                }

                long mantissa = now.Mantissa[s];
                int decimals = now.Decimals[s];
                int stateDecimals = was.Decimals[s];
                if (decimals != RecordState.RawBits && stateDecimals != RecordState.RawBits && decimals < stateDecimals
                    && Rescalable(mantissa, stateDecimals - decimals))
                {
                    mantissa *= Powers[stateDecimals - decimals];
                    decimals = stateDecimals;
                }

                if (decimals == stateDecimals && decimals != RecordState.RawBits)
                {
                    if (mantissa != was.Mantissa[s])
                    {
                        buf[bitmapAt + (s >> 3)] |= (byte)(1 << (s & 7));
                        pos = Varint.WriteSigned(buf, pos, mantissa - was.Mantissa[s]);
                        was.Mantissa[s] = mantissa;
                    }
                }
                else if (decimals != stateDecimals || mantissa != was.Mantissa[s])
                {
                    resets++;
                }
            }

            bool anyDelta = false;
            for (int i = 0; i < bitmapBytes && !anyDelta; i++)
            {
                anyDelta = buf[bitmapAt + i] != 0;
            }

            if (anyDelta)
            {
                flags |= bitmapFlag;
            }
            else
            {
                // No slot moved, so no delta follows the bitmap: it is left out.
                pos -= bitmapBytes;
            }

            pos = Varint.WriteUnsigned(buf, pos, resets);
            for (int s = 0; s < slots && resets > 0; s++)
            {
                if (!Carried(next, s, minMax))
                {
                    continue;
                }

                int decimals = now.Decimals[s];
                if (decimals == was.Decimals[s] && now.Mantissa[s] == was.Mantissa[s])
                {
                    continue;
                }

                if (decimals != RecordState.RawBits && was.Decimals[s] != RecordState.RawBits && decimals < was.Decimals[s]
                    && Rescalable(now.Mantissa[s], was.Decimals[s] - decimals))
                {
                    // Carried as a delta above.
                    continue;
                }

                pos = Varint.WriteUnsigned(buf, pos, s);
                pos = Varint.WriteUnsigned(buf, pos, decimals);
                pos = Varint.WriteSigned(buf, pos, now.Mantissa[s]);
                was.Set(s, now.Mantissa[s], decimals);
                resets--;
            }

            return pos;
        }

        private static bool Carried(RecordState next, int slot, bool minMax)
        {
            return RecordState.IsGood(next.Quality[slot]) && (!minMax || next.Layout.KeepsMinMax(slot));
        }

        private static bool Rescalable(long mantissa, int moreDecimals)
        {
            long magnitude = mantissa < 0 ? -mantissa : mantissa;
            return moreDecimals < RescaleLimit.Length && mantissa != long.MinValue && magnitude < RescaleLimit[moreDecimals];
        }

        private static int Qualities(RecordState next, RecordState state, byte[] buf, int pos)
        {
            int changed = 0;
            for (int s = 0; s < next.Quality.Length; s++)
            {
                changed += next.Quality[s] != state.Quality[s] ? 1 : 0;
            }

            pos = Varint.WriteUnsigned(buf, pos, changed);
            for (int s = 0; s < next.Quality.Length && changed > 0; s++)
            {
                if (next.Quality[s] != state.Quality[s])
                {
                    pos = Varint.WriteUnsigned(buf, pos, s);
                    buf[pos++] = next.Quality[s];
                    state.Quality[s] = next.Quality[s];
                }
            }

            return pos;
        }

        private static bool ReadChannel(byte[] buf, ref int pos, int end, RecordState.Channel channel, int slots, bool bitmap)
        {
            int bitmapBytes = (slots + 7) / 8;
            if (bitmap)
            {
                if (pos + bitmapBytes > end)
                {
                    return false;
                }

                int bitmapAt = pos;
                pos += bitmapBytes;
                for (int s = 0; s < slots; s++)
                {
                    long delta;
                    if ((buf[bitmapAt + (s >> 3)] & (1 << (s & 7))) == 0)
                    {
                        continue;
                    }

                    if (!Varint.ReadSigned(buf, ref pos, end, out delta))
                    {
                        return false;
                    }

                    channel.Mantissa[s] += delta;
                }
            }

            int resets;
            if (!Varint.ReadCount(buf, ref pos, end, slots, out resets))
            {
                return false;
            }

            for (int r = 0; r < resets; r++)
            {
                int slot, decimals;
                long mantissa;
                if (!Varint.ReadCount(buf, ref pos, end, slots - 1, out slot) || !Varint.ReadCount(buf, ref pos, end, RecordState.RawBits, out decimals)
                    || (decimals > JsonNumberFormat.MaxDecimals && decimals != RecordState.RawBits) || !Varint.ReadSigned(buf, ref pos, end, out mantissa))
                {
                    return false;
                }

                channel.Set(slot, mantissa, decimals);
            }

            return true;
        }

        private static bool ReadQualities(byte[] buf, ref int pos, int end, RecordState state)
        {
            int changed;
            if (!Varint.ReadCount(buf, ref pos, end, state.Quality.Length, out changed))
            {
                return false;
            }

            for (int c = 0; c < changed; c++)
            {
                int slot;
                if (!Varint.ReadCount(buf, ref pos, end, state.Quality.Length - 1, out slot) || pos >= end || buf[pos] > RecordState.FreshQuality)
                {
                    return false;
                }

                state.Quality[slot] = buf[pos++];
            }

            return true;
        }
    }
}
