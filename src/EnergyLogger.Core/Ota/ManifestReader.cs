using EnergyLogger.Core.Json;

namespace EnergyLogger.Core.Ota
{
    /// <summary>
    /// Reads and strictly validates a package manifest (docs/ota.md): every member required, no unknown or
    /// repeated member, exact types and ranges. The manifest is read only after its signature verified, but
    /// it is still parsed as hostile input: a leaked signing key must not become a parser exploit.
    /// </summary>
    public sealed class ManifestReader
    {
        public const int MaxTargetLength = 32;

        private static readonly string[] Members = { "format", "version", "minFirmware", "target", "size", "sha256" };

        private readonly JsonDocument _doc = new JsonDocument();
        private readonly JsonLimits _limits = new JsonLimits
        {
            MaxBytes = UpdatePackage.MaxManifestLength,
            MaxDepth = 2,
            MaxValues = 32,
            MaxStringBytes = 128,
        };

        /// <summary>Why the last read failed, as "member: reason"; empty after success.</summary>
        public string Error { get; private set; } = string.Empty;

        /// <summary>
        /// The manifest in text[offset..offset+count), or null. The status is BadManifest for any defect, or
        /// TooLarge for a well-formed manifest whose image is over 1.5 MB (its own status, RELIABILITY O2).
        /// </summary>
        public UpdateManifest Read(byte[] text, int offset, int count, out UpdateStatus status)
        {
            status = UpdateStatus.BadManifest;
            JsonStatus json = _doc.Parse(text, offset, count, _limits);
            if (json != JsonStatus.Ok)
            {
                return Fail(_doc.ErrorPath, _doc.ErrorText);
            }

            int root = JsonDocument.Root;
            if (_doc.Kind(root) != JsonKind.Object)
            {
                return Fail(string.Empty, "expected an object");
            }

            if (!CheckMemberNames(root))
            {
                return null;
            }

            string format = _doc.GetString(Value(root, "format"));
            if (format != UpdateManifest.Format)
            {
                return Fail("format", "must be \"" + UpdateManifest.Format + "\"");
            }

            SemanticVersion version = SemanticVersion.Parse(_doc.GetString(Value(root, "version")));
            SemanticVersion minFirmware = SemanticVersion.Parse(_doc.GetString(Value(root, "minFirmware")));
            if (version == null || minFirmware == null)
            {
                return Fail(version == null ? "version" : "minFirmware", "not a semantic version");
            }

            string target = _doc.GetString(Value(root, "target"));
            if (!IsTarget(target))
            {
                return Fail("target", "1 to 32 of a-z, 0-9, '-', '_', '.'");
            }

            byte[] sha256 = ParseDigest(_doc.GetString(Value(root, "sha256")));
            if (sha256 == null)
            {
                return Fail("sha256", "expected 64 lowercase hex digits");
            }

            long size;
            if (!_doc.TryGetInt64(Value(root, "size"), out size) || size < 1)
            {
                return Fail("size", "expected a whole number of bytes above 0");
            }

            if (size > UpdatePackage.MaxImageLength)
            {
                status = UpdateStatus.TooLarge;
                return Fail("size", "image larger than " + UpdatePackage.MaxImageLength.ToString() + " bytes");
            }

            status = UpdateStatus.Ok;
            Error = string.Empty;
            return new UpdateManifest(version, minFirmware, target, (int)size, sha256);
        }

        /// <summary>Every member known, none twice, all present, each of the right JSON kind.</summary>
        private bool CheckMemberNames(int root)
        {
            int seen = 0;
            for (int key = _doc.FirstChild(root); key != -1; key = _doc.NextSibling(root, key + 1))
            {
                int index = MemberIndex(key);
                if (index < 0)
                {
                    Fail(_doc.GetString(key), "unknown member");
                    return false;
                }

                if ((seen & (1 << index)) != 0)
                {
                    Fail(Members[index], "member given twice");
                    return false;
                }

                seen |= 1 << index;
                JsonKind expected = Members[index] == "size" ? JsonKind.Number : JsonKind.String;
                if (_doc.Kind(key + 1) != expected)
                {
                    Fail(Members[index], expected == JsonKind.Number ? "expected a number" : "expected a string");
                    return false;
                }
            }

            for (int i = 0; i < Members.Length; i++)
            {
                if ((seen & (1 << i)) == 0)
                {
                    Fail(Members[i], "required");
                    return false;
                }
            }

            return true;
        }

        private int MemberIndex(int key)
        {
            for (int i = 0; i < Members.Length; i++)
            {
                if (_doc.StringEquals(key, Members[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        private int Value(int root, string name)
        {
            return _doc.Member(root, name);
        }

        private UpdateManifest Fail(string path, string reason)
        {
            Error = path.Length == 0 ? reason : path + ": " + reason;
            return null;
        }

        private static bool IsTarget(string s)
        {
            if (s.Length == 0 || s.Length > MaxTargetLength)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Lowercase only, so that one digest has exactly one spelling in a signed manifest.</summary>
        internal static byte[] ParseDigest(string hex)
        {
            if (hex.Length != 2 * Sha256.HashLength)
            {
                return null;
            }

            byte[] digest = new byte[Sha256.HashLength];
            for (int i = 0; i < hex.Length; i++)
            {
                int nibble = LowerHexDigit(hex[i]);
                if (nibble < 0)
                {
                    return null;
                }

                digest[i / 2] |= (byte)(nibble << (i % 2 == 0 ? 4 : 0));
            }

            return digest;
        }

        private static int LowerHexDigit(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }
    }
}
