namespace EnergyLogger.Core.Provisioning
{
    /// <summary>
    /// What one setting accepts. A rule never quotes the offending text in its reason, because the same
    /// reasons go back to the installer for secret fields too.
    /// </summary>
    public abstract class FieldRule
    {
        /// <summary>Null when the text is acceptable, otherwise a short reason for people.</summary>
        public abstract string Check(string text);

        /// <summary>The stored form of a text that passed <see cref="Check"/> (e.g. "0080" becomes "80").</summary>
        public virtual string Canonical(string text)
        {
            return text;
        }

        /// <summary>True when the value is free text, shown in quotes; false for numbers and keywords.</summary>
        public virtual bool IsFreeText => true;
    }
}
