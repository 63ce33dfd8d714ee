using EnergyLogger.Core.Ports;

namespace EnergyLogger.Host.Device;

/// <summary>The loop's reboot on the host: the loop returns and the virtual device boots again in the same process.</summary>
internal sealed class InProcessRestart : IReboot
{
    public bool Requested { get; private set; }

    public void Reboot() => Requested = true;
}

/// <summary>
/// The supervisor's reboot on the host: the loop's thread is stuck and cannot be taken back, so the process
/// exits with <see cref="ExitCode"/> (the reason is already in the boot journal) and the service manager
/// starts it again, as a reset would on the board.
/// </summary>
internal sealed class ProcessExitRestart : IReboot
{
    public const int ExitCode = 3;

    public void Reboot()
    {
        Console.Out.Flush();
        Environment.Exit(ExitCode);
    }
}
