using EnergyLogger.Core.Schema;

namespace EnergyLogger.Core.Telemetry
{
    /// <summary>
    /// Folds consecutive records of one layout (samples, or aggregates of a finer interval) into one aggregate per
    /// interval, for the outbox's thinning (docs/cloud.md, "A week offline"). Intervals are aligned to the wall clock (to
    /// the monotonic clock for samples taken before it was set), so finer intervals nest in coarser ones. Numbers become
    /// the average of their good values, power fields keep their least and greatest value, energy counters, codes and
    /// bools their last good reading (so no kWh is lost), and a value that was never good keeps the quality it had last.
    /// An interval ends early where a daily counter went back (its midnight reset, whose last reading of the day must
    /// stay), where the clock was set, and where a new boot's numbers begin.
    /// </summary>
    public sealed class Aggregator
    {
        private readonly SampleLayout _layout;
        private readonly RecordState _out;
        private readonly double[] _sum;
        private readonly long[] _weight;
        private readonly bool[] _extremes;
        private long _bucket;
        private long _epoch;

        public Aggregator(SampleLayout layout)
        {
            _layout = layout;
            _out = new RecordState(layout);
            _sum = new double[layout.SlotCount];
            _weight = new long[layout.SlotCount];
            _extremes = new bool[layout.SlotCount];
        }

        public SampleLayout Layout => _layout;

        /// <summary>True while an interval has records in it.</summary>
        public bool Open { get; private set; }

        public int IntervalS { get; private set; }

        /// <summary>Whether <paramref name="record"/> belongs to the open interval at <paramref name="intervalS"/>.</summary>
        public bool Accepts(RecordState record, int intervalS)
        {
            return Open && intervalS == IntervalS && record.Synced == _out.Synced && BucketOf(record, intervalS) == _bucket
                && SampleSequence.EpochOf(record.Seq) == _epoch && !DailyCounterWentBack(record);
        }

        /// <summary>Adds a record to the open interval, or opens one with it.</summary>
        public void Add(RecordState record, int intervalS)
        {
            if (!Open)
            {
                Start(record, intervalS);
            }

            int weight = record.Count > 0 ? record.Count : 1;
            _out.Count += weight;
            _out.SeqLast = record.LastSeq;
            _out.Mono = record.Mono;
            _out.Unix = record.Unix;
            for (int s = 0; s < _layout.SlotCount; s++)
            {
                byte quality = record.Quality[s];
                if (!RecordState.IsGood(quality))
                {
                    if (_weight[s] == 0 && !_extremes[s])
                    {
                        _out.Quality[s] = quality;
                    }

                    continue;
                }

                _out.Quality[s] = 0;
                FieldKind kind = _layout.KindOf(s);
                if (kind == FieldKind.Number)
                {
                    _sum[s] += record.Value.ValueOf(s) * weight;
                    _weight[s] += weight;
                    if (_layout.KeepsMinMax(s))
                    {
                        Extremes(record, s);
                    }
                }
                else
                {
                    // Counters, codes and bools: the last good reading, exact.
                    _out.Value.Set(s, record.Value.Mantissa[s], record.Value.Decimals[s]);
                    _extremes[s] = true;
                }
            }
        }

        /// <summary>Closes the open interval into <paramref name="aggregate"/> (a state of the same layout).</summary>
        public void Finish(RecordState aggregate)
        {
            for (int s = 0; s < _layout.SlotCount; s++)
            {
                if (_layout.KindOf(s) == FieldKind.Number && _weight[s] > 0)
                {
                    RecordCodec.SetNumber(_out.Value, s, _sum[s] / _weight[s], _layout.DigitsOf(s));
                }
            }

            aggregate.CopyFrom(_out);
            Open = false;
        }

        private void Start(RecordState record, int intervalS)
        {
            _out.Clear();
            _out.Seq = record.Seq;
            _out.MonoFirst = record.MonoFirst;
            _out.UnixFirst = record.UnixFirst;
            _out.Synced = record.Synced;
            _out.IntervalS = intervalS;
            for (int s = 0; s < _layout.SlotCount; s++)
            {
                _sum[s] = 0;
                _weight[s] = 0;
                _extremes[s] = false;
            }

            IntervalS = intervalS;
            _bucket = BucketOf(record, intervalS);
            _epoch = SampleSequence.EpochOf(record.Seq);
            Open = true;
        }

        private void Extremes(RecordState record, int s)
        {
            RecordState.Channel low = record.IsAggregate ? record.Min : record.Value;
            RecordState.Channel high = record.IsAggregate ? record.Max : record.Value;
            if (!_extremes[s] || low.ValueOf(s) < _out.Min.ValueOf(s))
            {
                _out.Min.Set(s, low.Mantissa[s], low.Decimals[s]);
            }

            if (!_extremes[s] || _out.Max.ValueOf(s) < high.ValueOf(s))
            {
                _out.Max.Set(s, high.Mantissa[s], high.Decimals[s]);
            }

            _extremes[s] = true;
        }

        private bool DailyCounterWentBack(RecordState record)
        {
            for (int s = 0; s < _layout.SlotCount; s++)
            {
                if (_layout.KindOf(s) == FieldKind.EnergyDaily && _extremes[s] && RecordState.IsGood(record.Quality[s])
                    && record.Value.ValueOf(s) < _out.Value.ValueOf(s))
                {
                    return true;
                }
            }

            return false;
        }

        private static long BucketOf(RecordState record, int intervalS)
        {
            long time = record.Synced ? record.Unix : record.Mono;
            long length = intervalS * 1000L;
            return time >= 0 ? time / length : ((time + 1) / length) - 1;
        }
    }
}
