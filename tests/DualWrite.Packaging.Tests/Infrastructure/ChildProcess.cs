using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace DualWrite.Packaging.Tests.Infrastructure;

/// <summary>A process the tests start, with what it writes (standard output and error, as it comes) kept; killed on dispose if still running.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string directory, string file, string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var child = new ChildProcess(Process.Start(start)!);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to end, and for the last of its output; false when it is still running after <paramref name="patience"/>.</summary>
    public bool WaitForExit(TimeSpan patience)
    {
        if (!_process.WaitForExit(patience))
        {
            return false;
        }

        _process.WaitForExit();
        return true;
    }

    /// <summary>Waits until the process has written <paramref name="text"/>.</summary>
    /// <exception cref="TimeoutException">It exited, or <paramref name="patience"/> ran out, first.</exception>
    public void WaitFor(string text, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > patience)
            {
                throw new TimeoutException($"The process did not write '{text}'" + (_process.HasExited ? $" (it exited with {_process.ExitCode})" : string.Empty) + ". Its output:\n" + Output);
            }

            Thread.Sleep(200);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
