namespace EnergyLogger.Core.Json
{
    /// <summary>Why a JSON text was refused. Every value has one fixed reason text in <see cref="JsonStatusText"/>.</summary>
    public enum JsonStatus
    {
        Ok,
        Empty,
        TooLarge,
        TooDeep,
        TooManyValues,
        StringTooLong,
        UnexpectedEnd,
        ExpectedValue,
        ExpectedName,
        ExpectedColon,
        ExpectedCommaOrEnd,
        InvalidLiteral,
        InvalidNumber,
        InvalidEscape,
        ControlCharacter,
        InvalidUtf8,
        TrailingData,
    }

    /// <summary>The reason texts, a table so that the texts are the same on every runtime (an enum's ToString is not).</summary>
    public static class JsonStatusText
    {
        private static readonly string[] Texts =
        {
            "ok",
            "empty document",
            "document too large",
            "nesting too deep",
            "too many values",
            "string too long",
            "unexpected end of document",
            "expected a value",
            "expected a member name",
            "expected ':'",
            "expected ',' or the end of the container",
            "invalid literal",
            "invalid number",
            "invalid escape sequence",
            "control character in string",
            "invalid UTF-8",
            "data after the end of the document",
        };

        public static string Of(JsonStatus status)
        {
            return Texts[(int)status];
        }
    }
}
