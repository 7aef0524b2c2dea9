using System;
using System.Net.Http;
using DualWrite.Runtime.OData.Authentication;
using DualWrite.Runtime.State;
using Microsoft.Extensions.Logging;

namespace DualWrite.Runtime.OData.Connector;

/// <summary>What a Dataverse or F&amp;O connector needs: where the service is, how to authenticate, where its journal lives.</summary>
public class ODataConnectorOptions
{
    /// <summary>The OData service root: <c>https://org.crm.dynamics.com/api/data/v9.2/</c> or <c>https://host.operations.dynamics.com/data/</c>.</summary>
    public Uri ServiceRoot { get; set; } = null!;

    /// <summary>The CSDL <c>$metadata</c> file the maps were compiled against (e.g. trimmed by <c>dualwrite schema pull</c>).</summary>
    public string SchemaPath { get; set; } = null!;

    /// <summary>
    /// The state store that keeps the connector's journal, which numbers the changes it reads and remembers its own writes:
    /// the host's store, so that hosts sharing a PostgreSQL store share the journal. Set this or <see cref="JournalPath"/>.
    /// </summary>
    public IStateStore? JournalStore { get; set; }

    /// <summary>
    /// A SQLite file for the connector's journal, for a single host that keeps it apart from <see cref="JournalStore"/>
    /// (a journal file of an earlier release is taken over on open). Set this or <see cref="JournalStore"/>.
    /// </summary>
    public string? JournalPath { get; set; }

    /// <summary>The source of bearer tokens; <see cref="AnonymousTokenProvider"/> sends none.</summary>
    public ITokenProvider Tokens { get; set; } = AnonymousTokenProvider.Instance;

    /// <summary>The identity stored with the link; by default the service root.</summary>
    public string? EnvironmentId { get; set; }

    /// <summary>Operations per <c>$batch</c> changeset; Dataverse accepts at most 1,000.</summary>
    public int MaxChangesetOperations { get; set; } = 1000;

    /// <summary>Rows per page asked for with <c>Prefer: odata.maxpagesize</c>; the service may send fewer.</summary>
    public int PageSize { get; set; } = 5000;

    /// <summary>
    /// Keys per <c>$filter</c> query when a pass reads its target rows ahead (docs/real-environments.md, "Reading ahead"); 0 reads each
    /// row on its own. A service whose filter validation counts nodes (ASP.NET OData's <c>MaxNodeCount</c>, 100 by
    /// default, about seven nodes per two-column key) needs a smaller value; one that refuses the query is read row by row.
    /// </summary>
    public int PrefetchKeysPerQuery { get; set; } = 50;

    /// <summary>Retries of a throttled (429), unavailable (503) or, for reads, failed request before giving up.</summary>
    public int MaxRetryAttempts { get; set; } = 8;

    /// <summary>The first back-off when the service sends no <c>Retry-After</c>; it doubles with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// The shortest time between two polls of the service's changes. The engine asks for the head once per map and
    /// pass; with a positive interval, later maps of a pass see what the first poll found.
    /// </summary>
    public TimeSpan MinimumPollInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// The sliding window of the service's per-user limits, which the connector paces its requests over as the remaining
    /// budget runs low: Dataverse publishes five minutes ("Service protection API limits",
    /// https://learn.microsoft.com/power-apps/developer/data-platform/api-limits).
    /// </summary>
    public TimeSpan ServiceProtectionWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most write requests a commit sends side by side; the service's recommended degree of parallelism
    /// (<c>x-ms-dop-hint</c>, "Send parallel requests", https://learn.microsoft.com/power-apps/developer/data-platform/send-parallel-requests)
    /// sets it lower, and a service that recommends none gets one at a time. Each row's writes stay in order in one lane,
    /// but a commit is then no longer sent in one order: a failure leaves the other lanes' writes applied (the pass runs
    /// again and finds them done), and a write refused on its own is parked with its record while the others are kept.
    /// Four by default; one sends a commit's requests one after the other.
    /// </summary>
    public int MaxParallelRequests { get; set; } = 4;

    /// <summary>The clock pacing and <c>Retry-After</c> waits go by; the system clock by default.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>The handler that sends requests (tests and proxies); by default a <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? PrimaryHandler { get; set; }

    /// <summary>Where request failures, retries and batches are logged. Tokens and secrets never are.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal void Validate()
    {
        if (ServiceRoot is null || !ServiceRoot.IsAbsoluteUri)
        {
            throw new ArgumentException("ServiceRoot must be an absolute URL such as https://org.crm.dynamics.com/api/data/v9.2/.");
        }

        if (string.IsNullOrWhiteSpace(SchemaPath))
        {
            throw new ArgumentException("SchemaPath must name the environment's CSDL $metadata file.");
        }

        if ((JournalStore is null) == string.IsNullOrWhiteSpace(JournalPath))
        {
            throw new ArgumentException("Set JournalStore (the host's state store) or JournalPath (a SQLite journal file), one of them, for the connector's journal.");
        }

        if (MaxChangesetOperations is < 1 or > 1000)
        {
            throw new ArgumentException("MaxChangesetOperations must lie between 1 and 1,000.");
        }

        if (PrefetchKeysPerQuery < 0)
        {
            throw new ArgumentException("PrefetchKeysPerQuery must be 0 (no reading ahead) or positive.");
        }

        if (MaxParallelRequests < 1)
        {
            throw new ArgumentException("MaxParallelRequests must be at least 1.");
        }

        if (ServiceProtectionWindow <= TimeSpan.Zero || Time is null)
        {
            throw new ArgumentException("ServiceProtectionWindow must be positive and Time set.");
        }

        if (PageSize < 1)
        {
            throw new ArgumentException("PageSize must be positive.");
        }
    }

    /// <summary>The service root with a trailing slash, so relative resource paths resolve under it.</summary>
    internal Uri Root => ServiceRoot.AbsoluteUri.EndsWith('/') ? ServiceRoot : new Uri(ServiceRoot.AbsoluteUri + "/");
}
