namespace EnergyLogger.Core.Indicators
{
    /// <summary>What a completed press of the reset button means.</summary>
    public enum ButtonPress
    {
        None,
        /// <summary>Released before the long-press time: harmless, the logger carries on.</summary>
        Short,
        /// <summary>Held at least the long-press time, then released: wipe the credentials.</summary>
        FactoryReset,
    }

    /// <summary>
    /// The reset button as a pure state machine on sampled levels and monotonic time. A level counts
    /// once it has been stable for the debounce time; a press is judged at release, so the installer
    /// sees the LEDs announce the reset (<see cref="IsArmed"/>) before it happens. A button already
    /// down at the first sample (held at power-up, or shorted) and a press longer than the stuck time
    /// are ignored until released, so a faulty button can never wipe the logger over and over.
    /// </summary>
    public sealed class ResetButton
    {
        public const int DefaultLongPressMs = 5000;
        public const int DefaultDebounceMs = 50;
        public const int DefaultStuckMs = 30000;

        private readonly int _longPressMs;
        private readonly int _debounceMs;
        private readonly int _stuckMs;
        private bool _sampled;
        private bool _raw;
        private long _rawSince;
        private bool _pressed;
        private long _pressedAt;
        private bool _ignoring;

        public ResetButton(int longPressMs, int debounceMs, int stuckMs)
        {
            _longPressMs = longPressMs;
            _debounceMs = debounceMs;
            _stuckMs = stuckMs;
        }

        public ResetButton()
            : this(DefaultLongPressMs, DefaultDebounceMs, DefaultStuckMs)
        {
        }

        /// <summary>True while a press has lasted long enough that releasing it will reset.</summary>
        public bool IsArmed { get; private set; }

        /// <summary>Takes one sample of the raw level; returns the press that a release just completed.</summary>
        public ButtonPress Update(bool pressed, long nowMs)
        {
            if (!_sampled)
            {
                _sampled = true;
                _raw = pressed;
                _rawSince = nowMs;
                _pressed = pressed;
                _ignoring = pressed;
                return ButtonPress.None;
            }

            if (pressed != _raw)
            {
                _raw = pressed;
                _rawSince = nowMs;
            }

            ButtonPress press = ButtonPress.None;
            if (_raw != _pressed && nowMs - _rawSince >= _debounceMs)
            {
                _pressed = _raw;
                press = _pressed ? Pressed() : Released();
            }

            if (_pressed && !_ignoring && nowMs - _pressedAt >= _stuckMs)
            {
                _ignoring = true;
            }

            IsArmed = _pressed && !_ignoring && nowMs - _pressedAt >= _longPressMs;
            return press;
        }

        private ButtonPress Pressed()
        {
            // Timed from the first stable sample of the edge, not from when the debounce confirmed it.
            _pressedAt = _rawSince;
            return ButtonPress.None;
        }

        private ButtonPress Released()
        {
            if (_ignoring)
            {
                _ignoring = false;
                return ButtonPress.None;
            }

            return _rawSince - _pressedAt >= _longPressMs ? ButtonPress.FactoryReset : ButtonPress.Short;
        }
    }
}
