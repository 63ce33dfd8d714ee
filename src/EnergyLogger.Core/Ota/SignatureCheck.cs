namespace EnergyLogger.Core.Ota
{
    /// <summary>The outcome of checking an ECDSA P-256 public key or signature; only <see cref="Valid"/> accepts.</summary>
    public enum SignatureCheck
    {
        Valid,

        /// <summary>No public key has been set, or the last one was refused.</summary>
        NoKey,

        /// <summary>Not a 65-byte uncompressed SEC 1 point (0x04 || X || Y), or a coordinate not below p.</summary>
        MalformedKey,

        /// <summary>The coordinates do not satisfy the curve equation.</summary>
        KeyNotOnCurve,

        /// <summary>Not 64 bytes of r || s (IEEE P1363).</summary>
        MalformedSignature,

        /// <summary>r or s is 0 or not below the group order n.</summary>
        ScalarOutOfRange,

        /// <summary>Well formed, but not a signature of this digest by this key.</summary>
        Mismatch,
    }
}
