namespace EnergyLogger.Device
{
    /// <summary>
    /// The release public key the dongle trusts for over-the-air updates (docs/ota.md, "Trust model"), compiled into
    /// the image: the trust anchor travels inside signed images, so no file on I:\ can swap it and a key rotation is an
    /// update signed with the old key (docs/ota.md, "Signing and rollout"). This is the project's development key
    /// (key id 6886a853034c94b5), whose private half is not part of the repository: a build meant to take updates
    /// replaces these bytes with the "device key" that <c>energylogger ota keygen</c> printed for its release key.
    /// </summary>
    internal static class ReleaseKey
    {
        /// <summary>The uncompressed SEC 1 point 04 || X || Y (65 bytes).</summary>
        public static readonly byte[] Point =
        {
            0x04, 0xC0, 0x88, 0xEF, 0x1F, 0x25, 0x43, 0xCC, 0xE5, 0x19, 0x28, 0xE5, 0x84, 0xFD, 0xE8, 0xDA,
            0xA9, 0x34, 0x75, 0x29, 0x06, 0xF8, 0x28, 0x3E, 0x58, 0xC7, 0xED, 0x02, 0x4F, 0xE0, 0x9F, 0x00,
            0x02, 0xE3, 0xE3, 0x24, 0x91, 0x5B, 0x4F, 0x11, 0x15, 0xB1, 0x82, 0xC5, 0x7E, 0x5C, 0x2F, 0x5E,
            0x4F, 0x2D, 0x64, 0x48, 0x3B, 0x2D, 0xAA, 0x5E, 0x4C, 0x95, 0xF0, 0xE7, 0x4E, 0xDC, 0xA6, 0xD4,
            0x3E,
        };
    }
}
