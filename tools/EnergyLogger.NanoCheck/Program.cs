using EnergyLogger.NanoCheck.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
