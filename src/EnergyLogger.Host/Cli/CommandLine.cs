using System.Globalization;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// The options of one command: <c>--name value</c> pairs and bare <c>--flag</c>s. Every getter names the
/// option in its error, and <see cref="RejectUnknown"/> refuses what the command did not ask for.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (!_options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} is given twice");
            }
        }

        Positional = positional;
    }

    public IReadOnlyList<string> Positional { get; }

    public bool Has(string name)
    {
        _asked.Add(name);
        return _options.ContainsKey(name);
    }

    public bool Flag(string name)
    {
        _asked.Add(name);
        if (!_options.TryGetValue(name, out string? value))
        {
            return false;
        }

        return value is null ? true : throw new UsageException($"--{name} takes no value");
    }

    public string? Text(string name)
    {
        _asked.Add(name);
        if (!_options.TryGetValue(name, out string? value))
        {
            return null;
        }

        return value ?? throw new UsageException($"--{name} needs a value");
    }

    public string RequiredText(string name) => Text(name) ?? throw new UsageException($"--{name} is required");

    /// <summary>An integer in decimal or 0x-prefixed hex, within [min, max].</summary>
    public int Int(string name, int defaultValue, int min, int max)
    {
        string? text = Text(name);
        return text is null ? defaultValue : ParseInt(name, text, min, max);
    }

    public int RequiredInt(string name, int min, int max) => ParseInt(name, RequiredText(name), min, max);

    public static int ParseInt(string name, string text, int min, int max)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        bool ok = hex
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long value)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (!ok || value < min || value > max)
        {
            throw new UsageException($"--{name} must be a whole number from {min} to {max}, not '{text}'");
        }

        return (int)value;
    }

    /// <summary>Call after reading every option: an option the command does not know is an error, not ignored.</summary>
    public void RejectUnknown()
    {
        foreach (string name in _options.Keys)
        {
            if (!_asked.Contains(name))
            {
                throw new UsageException($"unknown option --{name}");
            }
        }
    }
}

/// <summary>A mistake in how a command was called; printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
