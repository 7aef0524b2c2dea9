namespace DualWrite.Cli.Commands;

/// <summary>The exit codes every command uses, so scripts and CI can tell bad input from bad usage.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and found problems (for <c>check</c>: at least one error diagnostic).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown option, missing argument, folder not found.</summary>
    public const int UsageError = 2;

    /// <summary>The command ran and found only warnings (for <c>doctor</c>: nothing breaks a map, but some records may be refused).</summary>
    public const int Warnings = 3;
}
