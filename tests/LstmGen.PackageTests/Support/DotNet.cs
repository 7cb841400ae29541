using System;
using System.Collections;
using System.Diagnostics;
using System.Threading.Tasks;

namespace LstmGen.PackageTests.Support;

/// <summary>The outcome of one <c>dotnet</c> command: its exit code and everything it printed.</summary>
/// <param name="Command">The command line, for messages.</param>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Error">Standard error.</param>
internal sealed record CommandResult(string Command, int ExitCode, string Output, string Error)
{
    /// <summary>Returns this result, or throws with the command's output when it failed.</summary>
    public CommandResult EnsureSuccess() => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}:\n{Output}\n{Error}");
}

/// <summary>
/// Runs the .NET CLI as a user would, isolated from the test host: no MSBuild variables inherited from the <c>dotnet test</c>
/// that started us, and no build servers left behind holding the output pipes.
/// </summary>
internal static class DotNet
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <c>dotnet</c> with the arguments in a directory and waits for it, up to a timeout.</summary>
    /// <param name="workingDirectory">The directory to run in.</param>
    /// <param name="timeout">How long the command may take; it is killed after that.</param>
    /// <param name="arguments">The arguments, each passed as one argument.</param>
    public static CommandResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            string name = (string)variable.Key;
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";

        string command = $"dotnet {string.Join(' ', arguments)}";
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{command}'.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {timeout}.");
        }

        if (!Task.WaitAll(new Task[] { output, error }, DrainTimeout))
        {
            throw new TimeoutException($"'{command}' exited but a child process kept its output open.");
        }

        return new CommandResult(command, process.ExitCode, output.Result, error.Result);
    }
}
