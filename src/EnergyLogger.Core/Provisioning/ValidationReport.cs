namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// Problems found in a set of settings, at most one per field (RELIABILITY P2): the first reason
    /// given for a field is the one kept.
    /// </summary>
    public sealed class ValidationReport
    {
        private readonly string[] _fields;
        private readonly string[] _reasons;

        public ValidationReport()
        {
            // Every setting plus the few names that are not settings (storage).
            _fields = new string[SettingFields.All.Length + 4];
            _reasons = new string[_fields.Length];
        }

        public int Count { get; private set; }

        public bool IsEmpty => Count == 0;

        public string FieldAt(int index)
        {
            return _fields[index];
        }

        public string ReasonAt(int index)
        {
            return _reasons[index];
        }

        public void Clear()
        {
            Count = 0;
        }

        /// <summary>Records a problem unless the field already has one.</summary>
        public void Add(string field, string reason)
        {
            if (Has(field) || Count == _fields.Length)
            {
                return;
            }

            _fields[Count] = field;
            _reasons[Count] = reason;
            Count++;
        }

        public bool Has(string field)
        {
            for (int i = 0; i < Count; i++)
            {
                if (_fields[i] == field)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>wifi.ssid: required; kaa.token: required</c>: the body of one protocol error line.</summary>
        public string Describe()
        {
            string text = "";
            for (int i = 0; i < Count; i++)
            {
                text = text + (i == 0 ? "" : "; ") + _fields[i] + ": " + _reasons[i];
            }

            return text;
        }
    }
}
