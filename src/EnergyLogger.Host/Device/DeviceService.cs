using Microsoft.Extensions.Hosting;

namespace EnergyLogger.Host.Device;

/// <summary>
/// The virtual device as a hosted service. Its start completes once the device's main loop runs (or the device
/// gave up), so the host's started event, and with it systemd's <c>READY=1</c>, means the logger is at work. A
/// stop of the host (SIGTERM, Ctrl+C) is the device's clean stop; when the device ends by itself, the host stops.
/// </summary>
internal sealed class DeviceService(VirtualDevice device, IHostApplicationLifetime lifetime) : BackgroundService
{
    /// <summary>The device's exit code once it has ended.</summary>
    public int ExitCode { get; private set; }

    /// <summary>
    /// Completes once the loop runs. When the device ends before that (it could not start: no settings, no adapter),
    /// the start fails, because the host would otherwise report itself started and systemd would read
    /// <c>READY=1</c> from a logger that never ran; <see cref="NotStartedException"/> is the host's only way to hear it.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        if (await Task.WhenAny(device.LoopRunning, ExecuteTask!) != device.LoopRunning)
        {
            throw new NotStartedException();
        }
    }

    /// <summary>
    /// The device runs on a thread of its own, as the loop on the board: an exception it does not handle ends the
    /// process as a crash, which the boot journal counts, rather than becoming a quiet stop of the host.
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            using CancellationTokenRegistration stop = stoppingToken.Register(device.Stop);
            ExitCode = device.Run();
            ended.SetResult();
            lifetime.StopApplication();
        })
        {
            Name = "device",
        };
        thread.Start();
        return ended.Task;
    }
}

/// <summary>The device ended before its main loop ran; its exit code says why (<see cref="DeviceService.ExitCode"/>).</summary>
internal sealed class NotStartedException() : Exception("the device ended before its main loop ran");
