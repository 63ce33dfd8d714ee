using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Simulator;

/// <summary>
/// The simulator on one tty or pty, on its own thread. A port that fails (unplugged adapter, the other
/// end of a pty pair gone) ends the whole run: a slave that has lost its bus has nothing left to serve.
/// </summary>
internal sealed class SerialServer : IDisposable
{
    private readonly Thread _thread;

    private SerialServer(IByteLink link, SlaveServer server, PumpOptions options, CancellationTokenSource stop)
    {
        _thread = new Thread(() =>
        {
            RequestPump.Serve(link, new RtuRequestReader(), server, options, stop.Token);
            if (!stop.IsCancellationRequested)
            {
                LinkFailed = true;
                stop.Cancel();
            }
        })
        { IsBackground = true, Name = "simulate serial" };
    }

    /// <summary>The port failed while serving, before anyone asked to stop.</summary>
    public bool LinkFailed { get; private set; }

    public static SerialServer Start(IByteLink link, SlaveServer server, PumpOptions options, CancellationTokenSource stop)
    {
        var served = new SerialServer(link, server, options, stop);
        served._thread.Start();
        return served;
    }

    /// <summary>Waits for the thread, which sees the cancelled stop token within one idle poll.</summary>
    public void Dispose() => _thread.Join();
}
