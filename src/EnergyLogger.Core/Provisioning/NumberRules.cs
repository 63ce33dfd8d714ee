namespace EnergyLogger.Core.Provisioning
{
    /// <summary>A whole number in decimal digits only (no sign, no spaces), within [min, max].</summary>
    public sealed class IntRangeRule : FieldRule
    {
        private readonly int _min;
        private readonly int _max;

        public IntRangeRule(int min, int max)
        {
            _min = min;
            _max = max;
        }

        public override bool IsFreeText => false;

        public override string Check(string text)
        {
            return Parse(text, _min, _max) < 0 ? "must be a whole number from " + _min.ToString() + " to " + _max.ToString() : null;
        }

        public override string Canonical(string text)
        {
            return Parse(text, _min, _max).ToString();
        }

        /// <summary>The value, or -1 when the text is not digits within [min, max] (min is never negative here).</summary>
        public static int Parse(string text, int min, int max)
        {
            // Ten digits could overflow; no setting needs more than six.
            if (text.Length == 0 || text.Length > 9)
            {
                return -1;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value < min || value > max ? -1 : value;
        }
    }

    /// <summary>One keyword out of a fixed list, in lower case.</summary>
    public sealed class ChoiceRule : FieldRule
    {
        private readonly string[] _choices;
        private readonly string _reason;

        public ChoiceRule(string[] choices)
        {
            _choices = choices;
            string list = choices[0];
            for (int i = 1; i < choices.Length; i++)
            {
                list = list + (i == choices.Length - 1 ? " or " : ", ") + choices[i];
            }

            _reason = "must be " + list;
        }

        public override bool IsFreeText => false;

        public override string Check(string text)
        {
            return IndexOf(text) < 0 ? _reason : null;
        }

        /// <summary>Position of the keyword in the list, or -1.</summary>
        public int IndexOf(string text)
        {
            for (int i = 0; i < _choices.Length; i++)
            {
                if (_choices[i] == text)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    /// <summary>A GPIO number of the ESP32-S3 (GPIO0 to GPIO48), or "none".</summary>
    public sealed class GpioRule : FieldRule
    {
        public const string None = "none";
        public const int MaxGpio = 48;

        public override bool IsFreeText => false;

        public override string Check(string text)
        {
            return text == None || IntRangeRule.Parse(text, 0, MaxGpio) >= 0 ? null : "must be none or a GPIO number from 0 to 48";
        }

        public override string Canonical(string text)
        {
            return text == None ? text : IntRangeRule.Parse(text, 0, MaxGpio).ToString();
        }
    }
}
