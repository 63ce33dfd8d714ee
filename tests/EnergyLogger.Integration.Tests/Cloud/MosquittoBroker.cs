using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EnergyLogger.Integration.Tests.Cloud;

/// <summary>
/// A real mosquitto on 127.0.0.1 with TLS listeners for each certificate case, a plain listener and one that
/// requires a password. Its config and certificates live in a temp directory; the process is always killed.
/// It can be stopped and started again on the same ports to make an outage.
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    public const string User = "logger";
    public const string Password = "s3cret-pass";
    private const string Binary = "/usr/sbin/mosquitto";

    private readonly StringBuilder _log = new();
    private readonly TestCertificates _certs;
    private Process? _process;

    public MosquittoBroker()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the Debian package mosquitto");
        }

        Dir = Path.Combine(Path.GetTempPath(), "el-mqtt-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
        _certs = new TestCertificates(Dir);
        TlsPort = FreePort();
        ExpiredPort = FreePort();
        WrongHostPort = FreePort();
        UnknownCaPort = FreePort();
        PlainPort = FreePort();
        AuthPort = FreePort();
        WriteConfig();
        Start();
    }

    public string Dir { get; }

    public int TlsPort { get; }

    public int ExpiredPort { get; }

    public int WrongHostPort { get; }

    public int UnknownCaPort { get; }

    public int PlainPort { get; }

    /// <summary>TLS with the good certificate and a password file.</summary>
    public int AuthPort { get; }

    public byte[] CaPem => _certs.CaPem;

    public string CaPath => _certs.CaPath;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public void Start()
    {
        var info = new ProcessStartInfo(Binary, ["-c", Path.Combine(Dir, "mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitListening(TlsPort);
        WaitListening(PlainPort);
        WaitListening(AuthPort);
    }

    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Stop();
        _certs.Dispose();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void WriteConfig()
    {
        string passwords = Path.Combine(Dir, "passwords");
        File.WriteAllText(passwords, "");
        Run("/usr/bin/mosquitto_passwd", "-b", passwords, User, Password);
        var conf = new StringBuilder();
        conf.AppendLine("per_listener_settings true");
        conf.AppendLine("persistence false");
        conf.AppendLine("log_dest stdout");
        conf.AppendLine("log_type error");
        conf.AppendLine("log_type warning");
        conf.AppendLine("log_type notice");
        TlsListener(conf, TlsPort, _certs.Good, null);
        TlsListener(conf, ExpiredPort, _certs.Expired, null);
        TlsListener(conf, WrongHostPort, _certs.WrongHost, null);
        TlsListener(conf, UnknownCaPort, _certs.UnknownCa, null);
        TlsListener(conf, AuthPort, _certs.Good, passwords);
        conf.AppendLine($"listener {PlainPort} 127.0.0.1");
        conf.AppendLine("allow_anonymous true");
        File.WriteAllText(Path.Combine(Dir, "mosquitto.conf"), conf.ToString());
    }

    private void TlsListener(StringBuilder conf, int port, (string Cert, string Key) pair, string? passwords)
    {
        conf.AppendLine($"listener {port} 127.0.0.1");
        conf.AppendLine($"cafile {_certs.CaPath}");
        conf.AppendLine($"certfile {pair.Cert}");
        conf.AppendLine($"keyfile {pair.Key}");
        conf.AppendLine("tls_version tlsv1.2");
        conf.AppendLine(passwords is null ? "allow_anonymous true" : $"allow_anonymous false\npassword_file {passwords}");
    }

    private void WaitListening(int port)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException("mosquitto exited: " + Log);
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new TimeoutException($"mosquitto did not listen on {port}: " + Log);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static void Run(string file, params string[] args)
    {
        using Process p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardError = true })!;
        p.WaitForExit(10_000);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed: {p.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>A port no other test is given and no outgoing connection can take (see <see cref="TestPorts"/>).</summary>
    internal static int FreePort() => TestPorts.Next();
}
