namespace EnergyLogger.Core.Provisioning
{
    /// <summary>Runs one verb with the rest of its line and returns the reply line.</summary>
    public delegate string VerbHandler(ProvisioningSession session, string argument);

    /// <summary>One row of the port-4242 verb table.</summary>
    public sealed class ProtocolVerb
    {
        public ProtocolVerb(string name, bool takesArgument, VerbHandler handler)
            : this(name, takesArgument, handler, true)
        {
        }

        public ProtocolVerb(string name, bool takesArgument, VerbHandler handler, bool listed)
        {
            Name = name;
            TakesArgument = takesArgument;
            Handler = handler;
            Listed = listed;
        }

        public string Name { get; }

        /// <summary>False for verbs that must stand alone on their line.</summary>
        public bool TakesArgument { get; }

        public VerbHandler Handler { get; }

        /// <summary>False for a verb <c>help</c> leaves out: <c>auth</c>, which the greeting asks for when it is needed.</summary>
        public bool Listed { get; }
    }
}
