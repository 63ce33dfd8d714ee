namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// What a stored package says about itself, for the version a booted image reports. Kept apart from
    /// <see cref="FileImageSlots"/>, which the loader compiles in: the loader starts an image without reading its manifest.
    /// </summary>
    public static class StoredManifest
    {
        /// <summary>
        /// The manifest of the package stored in <paramref name="slot"/>, or null for the factory image, an empty slot
        /// or an unreadable one. The signature is not checked again: the slot holds, byte for byte, the header that
        /// verified before the package was marked pending, and the result only names the running version.
        /// </summary>
        public static UpdateManifest Read(FileImageSlots slots, ImageSlot slot)
        {
            byte[] head = new byte[UpdatePackage.HeaderLength + UpdatePackage.MaxManifestLength];
            int manifestLength;
            int count = slots.ReadSlot(slot, 0, head, 0, head.Length);
            if (count < UpdatePackage.HeaderLength || UpdatePackage.ReadHeader(head, 0, count, out manifestLength) != UpdateStatus.Ok
                || count < UpdatePackage.HeaderLength + manifestLength)
            {
                return null;
            }

            UpdateStatus status;
            return new ManifestReader().Read(head, UpdatePackage.HeaderLength, manifestLength, out status);
        }
    }
}
