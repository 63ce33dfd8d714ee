namespace EnergyLogger.Host.Local;

/// <summary>
/// A listener that follows one of the main loop's switches (the MODBUS TCP server's, the status page's): from a thread of
/// its own it reads the switch's version every quarter of a second and, when it moved, lets the subclass open, move or
/// close what it serves. Disposing stops the thread, then closes.
/// </summary>
internal abstract class SwitchFollower : IDisposable
{
    private const int CheckMs = 250;

    private readonly Func<int> _version;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private int _seen = -1;

    protected SwitchFollower(string name, Func<int> version)
    {
        _version = version;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>Applies the switch now, then follows it.</summary>
    public void Start()
    {
        Check();
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Set();
        if (_thread.IsAlive)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        Close();
        _stop.Dispose();
    }

    /// <summary>The switch moved: serve as it now says.</summary>
    protected abstract void Apply();

    /// <summary>Stops serving for good.</summary>
    protected abstract void Close();

    private void Run()
    {
        while (!_stop.Wait(CheckMs))
        {
            Check();
        }
    }

    private void Check()
    {
        int version = _version();
        if (version != _seen)
        {
            _seen = version;
            Apply();
        }
    }
}
