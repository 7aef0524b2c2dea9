// The generator compiles this file too (it cannot load this assembly in the IDE), into its own namespace so that a
// project referencing both assemblies never sees one enum twice.
#if DUALWRITE_GENERATOR
namespace DualWrite.Generator.Syntax;
#else
namespace DualWrite;
#endif

/// <summary>One of the two linked environments.</summary>
public enum Side
{
    /// <summary>Finance and Operations.</summary>
    Fo,

    /// <summary>Dataverse.</summary>
    Dataverse,
}

/// <summary>Which way a map's records flow (DSL <c>&lt;-&gt;</c>, <c>-&gt;</c>, <c>&lt;-</c>).</summary>
public enum SyncDirection
{
    /// <summary>Both ways.</summary>
    Both,

    /// <summary>From F&amp;O to Dataverse only.</summary>
    ToDataverse,

    /// <summary>From Dataverse to F&amp;O only.</summary>
    ToFo,
}

/// <summary>Whether a map's records belong to a legal entity on both sides.</summary>
public enum CompanyScope
{
    /// <summary>Company-specific on both sides: <c>dataAreaId</c> ↔ <c>msdyn_company</c>.</summary>
    Striped,

    /// <summary>Cross-company on both sides.</summary>
    Global,
}

/// <summary>Who wins when both sides changed the same record while a map was paused.</summary>
public enum ConflictPolicy
{
    /// <summary>The change goes to the error list.</summary>
    Fail,

    /// <summary>F&amp;O's version wins.</summary>
    FoWins,

    /// <summary>Dataverse's version wins.</summary>
    DataverseWins,

    /// <summary>The version modified last wins.</summary>
    LatestWins,
}

/// <summary>Whether a map syncs deletes.</summary>
public enum DeletePolicy
{
    /// <summary>A delete on one side deletes the record on the other.</summary>
    Sync,

    /// <summary>Deletes stay on their side.</summary>
    Ignore,
}
