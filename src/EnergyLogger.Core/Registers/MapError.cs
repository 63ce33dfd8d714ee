namespace EnergyLogger.Core.Registers
{
    /// <summary>The classes of map rejection; each message names the offending path.</summary>
    public enum MapErrorCode
    {
        /// <summary>The text is not JSON (or exceeds the reader's caps).</summary>
        Json,
        WrongType,
        Required,
        UnknownMember,
        DuplicateMember,
        OutOfRange,
        UnknownValue,
        BadName,
        DuplicateName,
        UnknownReference,
        TooMany,
        NotAllowed,
        UnknownTarget,
        DuplicateTarget,
        UnitMismatch,
        Cycle,
        Format,
    }

    /// <summary>Why a map was refused: the first problem found, where it is, and a message for people.</summary>
    public sealed class MapError
    {
        public MapError(MapErrorCode code, string path, int position, string reason)
        {
            Code = code;
            Path = path;
            Position = position;
            Reason = reason;
        }

        public MapErrorCode Code { get; }

        /// <summary>The offending member, as <c>points[3].scale</c>; empty for the document itself.</summary>
        public string Path { get; }

        /// <summary>Byte offset in the map text, or -1 when no single place is to blame.</summary>
        public int Position { get; }

        public string Reason { get; }

        /// <summary><c>points[3].scale: expected a number</c>.</summary>
        public string Message => Path.Length == 0 ? Reason : Path + ": " + Reason;

        public override string ToString()
        {
            return Position < 0 ? Message : Message + " (byte " + Position.ToString() + ")";
        }
    }
}
