using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EnergyLogger.Integration.Tests.Local;

/// <summary>The clients a home energy manager would use on the logger's local MODBUS TCP server: Debian's mbpoll, pymodbus, a raw socket.</summary>
internal static partial class LocalPeers
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>One read with mbpoll (0-based addresses, hex display); the registers, or an exception naming mbpoll's output.</summary>
    public static ushort[] Mbpoll(int port, int fc, int address, int count, int unit = 1, int timeoutS = 2)
    {
        string output = Run("mbpoll", "-m", "tcp", "-p", port.ToString(CultureInfo.InvariantCulture), "-a", unit.ToString(CultureInfo.InvariantCulture),
            "-0", "-r", address.ToString(CultureInfo.InvariantCulture), "-c", count.ToString(CultureInfo.InvariantCulture),
            "-t", fc == 4 ? "3:hex" : "4:hex", "-1", "-o", timeoutS.ToString(CultureInfo.InvariantCulture), "127.0.0.1");
        ushort[] words = MbpollValue().Matches(output).Select(m => Convert.ToUInt16(m.Groups[2].Value, 16)).ToArray();
        if (words.Length != count)
        {
            throw new InvalidOperationException("mbpoll read " + words.Length + " of " + count + ":\n" + output);
        }

        return words;
    }

    /// <summary>One write of holding registers with mbpoll; its exit code and output (a refused write exits non-zero).</summary>
    public static (int ExitCode, string Output) MbpollWrite(int port, int unit, int address, params int[] values)
    {
        string[] args = ["-m", "tcp", "-p", port.ToString(CultureInfo.InvariantCulture), "-a", unit.ToString(CultureInfo.InvariantCulture),
            "-0", "-r", address.ToString(CultureInfo.InvariantCulture), "-t", "4", "-1", "-o", "5", "127.0.0.1",
            .. values.Select(v => v.ToString(CultureInfo.InvariantCulture))];
        return Exec("mbpoll", args);
    }

    /// <summary>Walks the SunSpec chain with pymodbus (Peers/sunspec_walk.py): each model's id, length and registers.</summary>
    public static List<(int Id, int Length, ushort[] Registers)> WalkSunSpec(int port, int fc)
    {
        string script = Path.Combine(AppContext.BaseDirectory, "Peers", "sunspec_walk.py");
        string output = Run("/usr/bin/python3", script, "--port", port.ToString(CultureInfo.InvariantCulture), "--fc", fc.ToString(CultureInfo.InvariantCulture));
        using JsonDocument doc = JsonDocument.Parse(output);
        return doc.RootElement.GetProperty("models").EnumerateArray()
            .Select(m => (m.GetProperty("id").GetInt32(), m.GetProperty("length").GetInt32(),
                m.GetProperty("registers").EnumerateArray().Select(r => (ushort)r.GetInt32()).ToArray()))
            .ToList();
    }

    /// <summary>One FC03 read over a raw socket; null when the server closed or refused the connection.</summary>
    public static ushort[]? Read(NetworkStream stream, ushort transaction, int address, int count)
    {
        byte[] request = [(byte)(transaction >> 8), (byte)transaction, 0, 0, 0, 6, 1, 3, (byte)(address >> 8), (byte)address, 0, (byte)count];
        stream.Write(request);
        var reply = new byte[9 + (2 * count)];
        int got = 0;
        while (got < reply.Length)
        {
            int n = stream.Read(reply, got, reply.Length - got);
            if (n == 0)
            {
                return null;
            }

            got += n;
        }

        if (reply[0] != request[0] || reply[1] != request[1] || reply[7] != 3 || reply[8] != 2 * count)
        {
            throw new InvalidOperationException("unexpected reply " + Convert.ToHexString(reply));
        }

        return Enumerable.Range(0, count).Select(i => (ushort)((reply[9 + (2 * i)] << 8) | reply[10 + (2 * i)])).ToArray();
    }

    public static int Int32At(ushort[] words, int at) => (words[at] << 16) | words[at + 1];

    public static long Int64At(ushort[] words, int at) => ((long)(uint)Int32At(words, at) << 32) | (uint)Int32At(words, at + 2);

    /// <summary>Runs a peer program; its standard output, or InvalidOperationException when it failed.</summary>
    public static string Run(string file, params string[] args)
    {
        (int exit, string output) = Exec(file, args);
        if (exit != 0)
        {
            throw new InvalidOperationException(file + " exited " + exit + ": " + output);
        }

        return output;
    }

    private static (int ExitCode, string Output) Exec(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill();
            throw new TimeoutException(file + " did not finish");
        }

        return (process.ExitCode, process.ExitCode == 0 ? stdout.Result : stdout.Result + stderr.Result);
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+0x([0-9A-Fa-f]{4})", RegexOptions.Multiline)]
    private static partial Regex MbpollValue();
}
