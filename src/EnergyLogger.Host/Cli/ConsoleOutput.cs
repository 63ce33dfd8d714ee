using Spectre.Console;

namespace EnergyLogger.Host.Cli;

/// <summary>
/// What the commands show a person, and the one place that decides how: with Spectre.Console (tables, progress bars,
/// colour) when the stream is a terminal, plain lines when it is redirected, as scripts, pipes and the tests read them.
/// <c>NO_COLOR</c> or <c>TERM=dumb</c> ask for plain output on a terminal too.
/// </summary>
internal static class ConsoleOutput
{
    /// <summary>How long work runs before its progress bar appears: what finishes sooner shows none.</summary>
    private static readonly TimeSpan ProgressDelay = TimeSpan.FromSeconds(1);

    private static readonly Lazy<IAnsiConsole> Error = new(() => Create(Console.Error));

    /// <summary>Standard output is a terminal that takes colour and redraws.</summary>
    public static bool IsRich { get; } = IsTerminal(Console.IsOutputRedirected);

    private static bool ErrorIsRich { get; } = IsTerminal(Console.IsErrorRedirected);

    /// <summary>A failed operation (exit 1): <c>WHERE: message</c> on standard error, the place in red on a terminal.</summary>
    public static void Failed(string where, string message) => WriteError("red", where, message);

    /// <summary>A wrong call (exit 2): <c>WHERE: message</c> on standard error, the place in yellow on a terminal.</summary>
    public static void WrongCall(string where, string message) => WriteError("yellow", where, message);

    /// <summary>Spectre.Console over <paramref name="output"/>, for a table drawn on a terminal.</summary>
    public static IAnsiConsole Rich(TextWriter output) => Create(output);

    /// <summary>
    /// Runs <paramref name="work"/>; on a terminal, once it has taken a second, a progress bar of
    /// <paramref name="done"/> out of <paramref name="total"/> (or a running one when the total is unknown, 0) is
    /// drawn on standard error until it ends. Nothing else may write to the terminal meanwhile.
    /// </summary>
    public static T WithProgress<T>(string description, int total, Func<int> done, Func<T> work)
    {
        if (!ErrorIsRich)
        {
            return work();
        }

        using var finished = new ManualResetEventSlim();
        var display = new Thread(() => ShowProgress(description, total, done, finished)) { IsBackground = true, Name = "progress" };
        display.Start();
        try
        {
            return work();
        }
        finally
        {
            finished.Set();
            display.Join();
        }
    }

    public static T WithProgress<T>(string description, Func<T> work) => WithProgress(description, 0, () => 0, work);

    private static void ShowProgress(string description, int total, Func<int> done, ManualResetEventSlim finished)
    {
        if (finished.Wait(ProgressDelay))
        {
            return;
        }

        Error.Value.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
                task.IsIndeterminate = total <= 0;
                while (!finished.Wait(TimeSpan.FromMilliseconds(100)))
                {
                    task.Value = Math.Min(done(), task.MaxValue);
                }
            });
    }

    private static void WriteError(string colour, string where, string message)
    {
        if (ErrorIsRich)
        {
            Error.Value.MarkupLine($"[bold {colour}]{Markup.Escape(where)}:[/] {Markup.Escape(message)}");
        }
        else
        {
            Console.Error.WriteLine($"{where}: {message}");
        }
    }

    private static bool IsTerminal(bool redirected) =>
        !redirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    private static IAnsiConsole Create(TextWriter output)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect });
        if (!Console.IsOutputRedirected)
        {
            // A capture of a section's output (bench) is drawn as wide as the terminal it ends on.
            console.Profile.Width = Math.Max(80, Console.WindowWidth);
        }

        return console;
    }
}
