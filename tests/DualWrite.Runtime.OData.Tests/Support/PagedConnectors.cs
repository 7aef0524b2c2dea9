using System;
using System.IO;
using Contoso.Integration;
using DualWrite.Runtime.InitialSync;
using DualWrite.Runtime.OData.Dataverse;
using DualWrite.Runtime.OData.Fo;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>Connectors to the pair's services that ask for small pages, each with its own journal.</summary>
internal sealed class PagedConnectors : IDisposable
{
    private PagedConnectors(FoEnvironment fo, DataverseEnvironment dataverse) => (Fo, Dataverse) = (fo, dataverse);

    public FoEnvironment Fo { get; }

    public DataverseEnvironment Dataverse { get; }

    public static PagedConnectors Open(ConnectedPair pair, int pageSize)
    {
        var fo = pair.FoOptions();
        fo.PageSize = pageSize;
        fo.JournalPath = Path.Combine(pair.Folder, "paged-fo-journal.db");
        var dataverse = pair.DataverseOptions();
        dataverse.PageSize = pageSize;
        dataverse.JournalPath = Path.Combine(pair.Folder, "paged-dataverse-journal.db");
        return new PagedConnectors(FoEnvironment.Open(fo), DataverseEnvironment.Open(dataverse));
    }

    public InitialSyncRunner Runner(ConnectedPair pair) => new(Fo, Dataverse, pair.State, DualWriteMaps.All);

    public void Dispose()
    {
        Fo.Dispose();
        Dataverse.Dispose();
    }
}
