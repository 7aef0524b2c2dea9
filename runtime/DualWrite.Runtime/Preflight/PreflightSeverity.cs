namespace DualWrite.Runtime.Preflight;

/// <summary>How much a preflight finding matters to the maps, ordered so that the worst of a report is its maximum.</summary>
public enum PreflightSeverity
{
    /// <summary>A difference the maps do not use: reported so that the next schema pull holds no surprise.</summary>
    Info,

    /// <summary>The maps still run, but some records may be refused (a shorter column, a new enum member).</summary>
    Warning,

    /// <summary>The map fails on its first read or write (a removed or retyped column, a changed key, a refused token).</summary>
    Breaking,
}
