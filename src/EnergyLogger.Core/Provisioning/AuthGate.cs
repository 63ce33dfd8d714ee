using EnergyLogger.Core.Ports;

namespace EnergyLogger.Core.Provisioning
{
    /// <summary>What one <c>auth CODE</c> came to.</summary>
    public enum AuthResult
    {
        Accepted,
        /// <summary>Not the code; fewer than <see cref="AuthGate.MaxFailures"/> wrong in a row so far.</summary>
        Wrong,
        /// <summary>The wrong code that locked the port, or any code while it is locked (not compared, not counted).</summary>
        LockedOut,
        /// <summary>The label record is unreadable: no code can be checked, so none is accepted.</summary>
        Unavailable,
    }

    /// <summary>
    /// Proof of possession on port 4242 (docs/provisioning.md, "The code"): with a code on the label, a session takes
    /// nothing before <c>auth CODE</c>. Wrong codes are counted across every session of one listener, which share one
    /// gate; the fifth in a row locks the port for five minutes of the monotonic clock (never wall time, which an
    /// unprovisioned logger does not have). The code is compared in constant time and never kept anywhere else.
    /// Sessions call in from threads of their own.
    /// </summary>
    public sealed class AuthGate
    {
        public const int MaxFailures = 5;
        public const int LockoutMs = 300000;

        private readonly IClock _clock;
        private readonly object _gate = new object();
        private int _failures;
        private bool _locked;
        private long _lockedAtMs;

        public AuthGate(DeviceLabel label, IClock clock)
        {
            Label = label;
            _clock = clock;
        }

        public DeviceLabel Label { get; }

        /// <summary>True when a session must begin with <c>auth</c>: a code is set, or the label is unreadable and nothing gets in.</summary>
        public bool Required => Label.Status == LabelStatus.Unreadable || Label.IsSet(SettingFields.ApPop);

        /// <summary>Wrong codes still allowed before the lockout.</summary>
        public int FailuresLeft
        {
            get
            {
                lock (_gate)
                {
                    return MaxFailures - _failures;
                }
            }
        }

        /// <summary>How long the port stays locked; 0 when it is not.</summary>
        public long LockedForMs()
        {
            lock (_gate)
            {
                return LockRemaining();
            }
        }

        public AuthResult Try(string code)
        {
            lock (_gate)
            {
                if (Label.Status == LabelStatus.Unreadable)
                {
                    return AuthResult.Unavailable;
                }

                if (LockRemaining() > 0)
                {
                    return AuthResult.LockedOut;
                }

                if (SameCode(code, Label.Pop))
                {
                    _failures = 0;
                    return AuthResult.Accepted;
                }

                _failures++;
                if (_failures < MaxFailures)
                {
                    return AuthResult.Wrong;
                }

                _failures = 0;
                _locked = true;
                _lockedAtMs = _clock.MonotonicMs;
                return AuthResult.LockedOut;
            }
        }

        private long LockRemaining()
        {
            if (!_locked)
            {
                return 0;
            }

            long left = LockoutMs - (_clock.MonotonicMs - _lockedAtMs);
            if (left <= 0)
            {
                _locked = false;
                return 0;
            }

            return left;
        }

        /// <summary>
        /// Equal or not, in a time that depends only on the code's length: every character is compared whatever the
        /// ones before it were, so the time of a reply tells nothing about how much of a guess was right.
        /// </summary>
        private static bool SameCode(string given, string code)
        {
            int difference = given.Length ^ code.Length;
            for (int i = 0; i < code.Length; i++)
            {
                int c = i < given.Length ? given[i] : 0;
                difference |= c ^ code[i];
            }

            return difference == 0;
        }
    }
}
