namespace EnergyLogger.Core.SunSpec
{
    /// <summary>
    /// One device's SunSpec chain as a walk found it: its unit id, where its marker was, and its models in order, each
    /// with the address of its header (ID, L) and its length L.
    /// </summary>
    public sealed class SunSpecDevice
    {
        private readonly int[] _ids;
        private readonly int[] _addresses;
        private readonly int[] _lengths;

        public SunSpecDevice(byte unit, int baseAddress, int[] ids, int[] addresses, int[] lengths)
        {
            Unit = unit;
            Base = baseAddress;
            _ids = ids;
            _addresses = addresses;
            _lengths = lengths;
        }

        public byte Unit { get; }

        /// <summary>The address of the "SunS" marker.</summary>
        public int Base { get; }

        public int Count => _ids.Length;

        public int Id(int model)
        {
            return _ids[model];
        }

        /// <summary>The address of the model's header.</summary>
        public int Address(int model)
        {
            return _addresses[model];
        }

        public int Length(int model)
        {
            return _lengths[model];
        }

        /// <summary>The first register after the model's header.</summary>
        public int Data(int model)
        {
            return _addresses[model] + 2;
        }

        public bool Has(int id)
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] == id)
                {
                    return true;
                }
            }

            return false;
        }

        public bool HasMeter
        {
            get
            {
                for (int i = 0; i < _ids.Length; i++)
                {
                    if (SunSpecModels.IsMeter(_ids[i]))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>True when the device holds meter models and nothing else but its common model.</summary>
        public bool IsMeterOnly
        {
            get
            {
                bool meter = false;
                for (int i = 0; i < _ids.Length; i++)
                {
                    if (SunSpecModels.IsMeter(_ids[i]))
                    {
                        meter = true;
                    }
                    else if (_ids[i] != SunSpecModels.Common)
                    {
                        return false;
                    }
                }

                return meter;
            }
        }

        /// <summary>The chain as a log line gives it: "1 at 40002 (L=65), 103 at 40069 (L=50)".</summary>
        public string Describe()
        {
            string text = string.Empty;
            for (int i = 0; i < _ids.Length; i++)
            {
                text += (i == 0 ? string.Empty : ", ") + _ids[i].ToString() + " at " + _addresses[i].ToString() + " (L=" + _lengths[i].ToString() + ")";
            }

            return text;
        }
    }
}
