namespace EnergyLogger.Core.Ports
{
    /// <summary>
    /// Where log lines go: the console (USB CDC) on the board, standard output on the host. Core formats each
    /// record as one line (<see cref="Runtime.Log"/>); the adapter only writes it. Called from several threads.
    /// </summary>
    public interface ILog
    {
        void WriteLine(string line);
    }
}
