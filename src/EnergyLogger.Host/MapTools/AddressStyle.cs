namespace EnergyLogger.Host.MapTools;

/// <summary>How the table numbers its registers.</summary>
internal enum AddressStyle
{
    /// <summary>The 0-based address that goes into the request PDU (MODBUS Application Protocol v1.1b3, 4.4).</summary>
    Pdu,
    /// <summary>Register numbers counted from 1: the PDU address is one less.</summary>
    OneBased,
    /// <summary>
    /// Reference numbers whose leading digit names the table: 0xxxx coils, 1xxxx discrete inputs, 3xxxx input
    /// and 4xxxx holding registers, counted from 1 (five digits, or six for 400001-465536).
    /// </summary>
    Modicon,
}
