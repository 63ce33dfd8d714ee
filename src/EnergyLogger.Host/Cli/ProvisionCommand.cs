using System.Net.Sockets;
using EnergyLogger.Host.Provisioning;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// <c>energylogger provision HOST[:PORT]</c>: sends the settings given as options to a device in
/// provisioning mode (port 4242, docs/provisioning.md), prints every reply, then checks and applies.
/// With no setting options it passes protocol lines from standard input instead. With <c>--pop</c> the
/// label's code goes first, as <c>auth CODE</c>.
/// </summary>
internal static class ProvisionCommand
{
    public const string Summary = "set up a device in provisioning mode over TCP port 4242";

    private const int DefaultPort = 4242;

    // Option -> protocol field, in the order they are sent.
    private static readonly (string Option, string Field, string Value)[] Settings =
    [
        ("ssid", "wifi.ssid", "NAME"),
        ("wifi-key", "wifi.key", "KEY"),
        ("mqtt-host", "mqtt.host", "HOST"),
        ("mqtt-port", "mqtt.port", "N"),
        ("tls", "mqtt.tls", "on|off"),
        ("mqtt-user", "mqtt.username", "NAME"),
        ("mqtt-password", "mqtt.password", "PASSWORD"),
        ("cloud", "cloud.mode", "kaa|mqtt"),
        ("token", "kaa.token", "TOKEN"),
        ("app-version", "kaa.app", "VERSION"),
        ("topic-prefix", "mqtt.prefix", "PREFIX"),
        ("ha-discovery", "mqtt.discovery", "on|off"),
        ("baud", "serial.baud", "BAUD"),
        ("parity", "serial.parity", "none|even|odd"),
        ("stop-bits", "serial.stop", "1|2"),
        ("slave", "serial.slave", "N"),
        ("watchdog-gpio", "watchdog.gpio", "N|none"),
    ];

    private static readonly string[] Help =
    [
        "usage: energylogger provision HOST[:PORT] [--pop CODE] [settings] [--ca-file FILE] [--no-apply] [--timeout S]",
        "       energylogger provision HOST[:PORT] [--pop CODE] --interactive     (protocol lines from standard input)",
        "",
        "Connects to a device in provisioning mode (soft-AP address 192.168.4.1, port 4242), sends one",
        "'set' line per setting, then 'check' and 'apply'. Every reply is printed. An empty value (\"\")",
        "clears the setting, e.g. --wifi-key \"\" for an open network. Exit status 1 if any reply is an error.",
        "",
        "  --pop CODE                  the code on the device's label, sent first as 'auth CODE'",
        .. Settings.Select(s => $"  {"--" + s.Option + " " + s.Value,-28}{s.Field}"),
        "  --ca-file FILE              mqtt.ca: the broker's CA certificate(s) in PEM",
        "  --no-apply                  stop after 'check'",
        "  --interactive               send lines typed or piped on standard input (the default without settings)",
        "  --timeout S                 seconds to wait for each reply (default 10)",
        "",
        "Secrets on a command line can end up in shell history; --interactive avoids that (type 'auth CODE' first).",
    ];

    public static int Run(CommandLine cli)
    {
        if (cli.Flag("help"))
        {
            Array.ForEach(Help, Console.WriteLine);
            return 0;
        }

        (string host, int port) = ParseAddress(cli.Positional);
        string? pop = cli.Text("pop");
        if (pop is not null && (pop.Length == 0 || pop.Any(char.IsWhiteSpace) || pop.Any(char.IsControl)))
        {
            throw new UsageException("--pop must be the code on the label: no spaces, no control characters");
        }

        List<string> lines = SettingLines(cli);
        string? caFile = cli.Text("ca-file");
        string? pem = caFile is null ? null : ReadPem(caFile);
        bool apply = !cli.Flag("no-apply");
        bool interactive = cli.Flag("interactive") || (lines.Count == 0 && pem is null);
        var timeout = TimeSpan.FromSeconds(cli.Int("timeout", 10, 1, 3600));
        cli.RejectUnknown();

        try
        {
            using ProvisioningClient client = ProvisioningClient.Connect(host, port, timeout);
            if (ProvisioningClient.IsError(client.Greeting))
            {
                // A locked port, or an unreadable label: the device closes the connection after this line.
                Console.Error.WriteLine($"energylogger provision: {host}:{port}: {client.Greeting}");
                return 1;
            }

            Console.WriteLine(client.Greeting);
            if (pop is not null && Print(client.Send("auth " + pop)))
            {
                return 1;
            }

            return interactive ? Interactive(client) : Scripted(client, lines, pem, apply);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            Console.Error.WriteLine($"energylogger provision: {host}:{port}: {e.Message}");
            return 1;
        }
    }

    private static int Scripted(ProvisioningClient client, List<string> lines, string? pem, bool apply)
    {
        bool failed = false;
        foreach (string line in lines)
        {
            failed |= Print(client.Send(line));
        }

        if (pem is not null)
        {
            failed |= Print(client.SendCa(pem));
        }

        failed |= Print(client.Send("check"));
        if (apply && !failed)
        {
            failed |= Print(client.Send("apply"));
        }

        return failed ? 1 : 0;
    }

    private static int Interactive(ProvisioningClient client)
    {
        bool failed = false;
        while (Console.In.ReadLine() is { } line)
        {
            if (!ProvisioningClient.ExpectsReply(line))
            {
                continue;
            }

            string? reply = client.Send(line);
            if (reply is null)
            {
                break;
            }

            failed |= Print(reply);
        }

        return failed ? 1 : 0;
    }

    /// <summary>Prints a reply; true when it is an error or missing.</summary>
    private static bool Print(string? reply)
    {
        if (reply is null)
        {
            Console.Error.WriteLine("energylogger provision: the device closed the connection");
            return true;
        }

        Console.WriteLine(reply);
        return ProvisioningClient.IsError(reply);
    }

    private static List<string> SettingLines(CommandLine cli)
    {
        var lines = new List<string>();
        foreach ((string option, string field, _) in Settings)
        {
            string? value = cli.Text(option);
            if (value is null)
            {
                continue;
            }

            if (value.Any(char.IsControl))
            {
                throw new UsageException($"--{option} must not hold control characters or line breaks");
            }

            lines.Add(value.Length == 0 ? $"clear {field}" : $"set {field} {value}");
        }

        return lines;
    }

    private static string ReadPem(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--ca-file {path}: {e.Message}");
        }
    }

    private static (string Host, int Port) ParseAddress(IReadOnlyList<string> positional)
    {
        if (positional.Count != 1)
        {
            throw new UsageException("give the device address: HOST or HOST:PORT (try --help)");
        }

        string address = positional[0];
        int colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            return (address, DefaultPort);
        }

        return (address[..colon], CommandLine.ParseInt("port", address[(colon + 1)..], 1, 65535));
    }
}
