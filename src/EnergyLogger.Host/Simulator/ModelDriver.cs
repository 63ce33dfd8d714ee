namespace EnergyLogger.Host.Simulator;

/// <summary>
/// Moves the inverter model along the wall clock, or <c>speed</c> times faster, and writes its values into
/// every simulated device's registers under the server's lock, so a master never reads half an update.
/// </summary>
internal sealed class ModelDriver : IDisposable
{
    private readonly InverterModel _model;
    private readonly SimulatedInverter[] _inverters;
    private readonly object _sync;
    private readonly double _startHour;
    private readonly int _speed;
    private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
    private readonly Timer _timer;
    private double _simulatedSeconds;

    public ModelDriver(InverterModel model, SimulatedInverter[] inverters, object sync, double startHour, int speed, int updateMs)
    {
        _model = model;
        _inverters = inverters;
        _sync = sync;
        _startHour = startHour;
        _speed = speed;
        Update();
        _timer = new Timer(_ => Update(), null, updateMs, updateMs);
    }

    /// <summary>The simulated time of day, in hours.</summary>
    public double Hour
    {
        get
        {
            lock (_sync)
            {
                return _model.HourOfDay;
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Update()
    {
        lock (_sync)
        {
            double now = _since.Elapsed.TotalSeconds * _speed;
            double step = now - _simulatedSeconds;
            _simulatedSeconds = now;
            _model.Advance((_startHour + (now / 3600)) % 24, step);
            foreach (SimulatedInverter inverter in _inverters)
            {
                inverter.Publish();
            }
        }
    }
}
