using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.LocalOData.Faults;
using DualWrite.LocalOData.Flavors;
using DualWrite.LocalOData.Limits;
using DualWrite.LocalOData.Model;
using DualWrite.LocalOData.Protocol;
using DualWrite.LocalOData.Storage;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DualWrite.LocalOData.Hosting;

/// <summary>
/// A running local OData service (Kestrel on 127.0.0.1) — Dataverse-like at <c>/api/data/v9.2/</c> or F&amp;O-like at
/// <c>/data/</c> — with its SQLite rows, its fault injector and its request log.
/// </summary>
public sealed class LocalODataService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping = new();
    private readonly string? temporaryFolder;
    private readonly TimeProvider time;

    private LocalODataService(ServiceFlavor flavor, LocalODataOptions options)
    {
        options.Validate();
        Flavor = flavor;
        AccessToken = options.AccessToken;
        time = options.Time;
        Model = ServiceModel.Load(options.SchemaPath);
        var databasePath = options.DatabasePath;
        if (databasePath is null)
        {
            temporaryFolder = Directory.CreateTempSubdirectory("dualwrite-local-odata-").FullName;
            databasePath = Path.Combine(temporaryFolder, "service.db");
        }

        Store = new ODataStore(Model, flavor.Side, databasePath, options.Time);
        Processor = new RequestProcessor(Store, flavor, options.Time, new ServiceOrganization(options.DefaultCompany));
        Batches = new BatchProcessor(Processor, Store);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        app = builder.Build();
        Protection = new ServiceProtection(options.ServiceProtection, options.ResourceLimit, options.Time);
        var users = options.OtherUsersAccessTokens.Append(options.AccessToken).ToHashSet(StringComparer.Ordinal);
        var endpoint = new HttpEndpoint(this, users, Protection, options.DegreeOfParallelismHint, stopping.Token);
        app.Run(endpoint.HandleAsync);
    }

    /// <summary>The service's flavor (Dataverse or F&amp;O behaviour).</summary>
    public ServiceFlavor Flavor { get; }

    /// <summary>The schema it publishes.</summary>
    public ServiceModel Model { get; }

    /// <summary>The bearer token it accepts.</summary>
    public string AccessToken { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The service root: <c>http://127.0.0.1:port/api/data/v9.2/</c> or <c>http://127.0.0.1:port/data/</c>.</summary>
    public Uri ServiceRoot => new(BaseAddress, Flavor.RootPath);

    /// <summary>Faults for the next requests.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>What the service says about itself (privileges, change tracking, key indexes, legal entities), for tests to change.</summary>
    public ServiceOrganization Organization => Processor.Organization;

    /// <summary>The requests received.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>The change log's table in <see cref="ConnectionString"/>'s database (the embedded environment's).</summary>
    public const string ChangeLogTable = SqliteLayout.ChangesTable;

    /// <summary>The SQLite connection string, for tests that inspect tables directly.</summary>
    public string ConnectionString
    {
        get
        {
            using var connection = Store.OpenConnection();
            return connection.ConnectionString;
        }
    }

    internal ODataStore Store { get; }

    internal RequestProcessor Processor { get; }

    internal BatchProcessor Batches { get; }

    /// <summary>The service protection limits this service enforces; it times every request it admits.</summary>
    internal ServiceProtection Protection { get; }

    /// <summary>The combined execution time of the requests served since it was last cleared: what Dataverse's execution-time limit counts.</summary>
    public TimeSpan ExecutionTime(bool clear) => Protection.Executed(clear);

    /// <summary>Starts a Dataverse-like service (Web API v9.2).</summary>
    public static Task<LocalODataService> StartDataverseAsync(LocalODataOptions options) =>
        StartAsync(new DataverseFlavor(options.DefaultPageSize ?? 5000), options);

    /// <summary>Starts an F&amp;O-like service (<c>/data</c>).</summary>
    public static Task<LocalODataService> StartFoAsync(LocalODataOptions options) =>
        StartAsync(new FoFlavor(options.DefaultCompany, options.DefaultPageSize ?? 10000), options);

    /// <summary>Inserts a row as if a user created it in the environment (it shows in change tracking); values are CLR values (Guid, decimal, DateTimeOffset, enum member names), lookups as their <c>_x_value</c> key.</summary>
    public async Task<ServiceRow> InsertAsync(string entitySet, IReadOnlyDictionary<string, object?> values)
    {
        var set = Model.Get(entitySet);
        using var scope = await Store.BeginWriteAsync(stopping.Token).ConfigureAwait(false);
        var row = Processor.Writes.Insert(scope, set, ToStorage(set, values));
        scope.Commit();
        return ToServiceRow(set, row);
    }

    /// <summary>
    /// Inserts rows as <see cref="InsertAsync"/> does, all in one transaction: seeding a million rows one transaction
    /// each would cost a disk sync per row. Returns how many were inserted.
    /// </summary>
    public async Task<int> InsertManyAsync(string entitySet, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var set = Model.Get(entitySet);
        using var scope = await Store.BeginWriteAsync(stopping.Token).ConfigureAwait(false);
        var count = 0;
        foreach (var values in rows)
        {
            Processor.Writes.Insert(scope, set, ToStorage(set, values));
            count++;
        }

        scope.Commit();
        return count;
    }

    /// <summary>Updates columns of the row with this primary or alternate key, as a user's edit in the environment would.</summary>
    public async Task<ServiceRow> UpdateAsync(string entitySet, IReadOnlyDictionary<string, object?> key, IReadOnlyDictionary<string, object?> changes)
    {
        var set = Model.Get(entitySet);
        using var scope = await Store.BeginWriteAsync(stopping.Token).ConfigureAwait(false);
        var row = Update(scope, set, key, changes);
        scope.Commit();
        return ToServiceRow(set, row);
    }

    /// <summary>Updates rows as <see cref="UpdateAsync"/> does, all in one transaction. Returns how many were updated.</summary>
    public async Task<int> UpdateManyAsync(string entitySet, IEnumerable<(IReadOnlyDictionary<string, object?> Key, IReadOnlyDictionary<string, object?> Changes)> updates)
    {
        var set = Model.Get(entitySet);
        using var scope = await Store.BeginWriteAsync(stopping.Token).ConfigureAwait(false);
        var count = 0;
        foreach (var (key, changes) in updates)
        {
            Update(scope, set, key, changes);
            count++;
        }

        scope.Commit();
        return count;
    }

    /// <summary>Deletes the row with this primary or alternate key; false if there is none.</summary>
    public async Task<bool> DeleteAsync(string entitySet, IReadOnlyDictionary<string, object?> key)
    {
        var set = Model.Get(entitySet);
        using var scope = await Store.BeginWriteAsync(stopping.Token).ConfigureAwait(false);
        if (Store.Find(scope, set, ToStorage(set, key)) is not { } existing)
        {
            return false;
        }

        Store.Delete(scope, set, existing);
        scope.Commit();
        return true;
    }

    /// <summary>Every row of an entity set (every company), in key order.</summary>
    public IReadOnlyList<ServiceRow> Rows(string entitySet)
    {
        var set = Model.Get(entitySet);
        using var connection = Store.OpenConnection();
        return Store.Query(connection, set, new RowQuery(null, Array.Empty<string>(), null, 0, long.MaxValue)).Select(r => ToServiceRow(set, r)).ToList();
    }

    /// <summary>The row with this primary or alternate key, or null.</summary>
    public ServiceRow? Find(string entitySet, IReadOnlyDictionary<string, object?> key)
    {
        var set = Model.Get(entitySet);
        using var connection = Store.OpenConnection();
        return Store.Find(connection, null, set, ToStorage(set, key)) is { } row ? ToServiceRow(set, row) : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
        Store.ReleaseConnections();
        if (temporaryFolder is not null)
        {
            Directory.Delete(temporaryFolder, recursive: true);
        }
    }

    private StoredRow Update(WriteScope scope, EntitySetInfo set, IReadOnlyDictionary<string, object?> key, IReadOnlyDictionary<string, object?> changes)
    {
        var existing = Store.Find(scope, set, ToStorage(set, key)) ?? throw Flavor.NotFound(set, string.Join(",", key));
        var values = ToStorage(set, changes);
        Flavor.Stamp(set, values, creating: false, Store.NextVersion(scope), time.GetUtcNow());
        Store.Update(scope, set, existing, values);
        return Store.Find(scope, set, ODataStore.PrimaryKey(set, existing))!;
    }

    private static async Task<LocalODataService> StartAsync(ServiceFlavor flavor, LocalODataOptions options)
    {
        var service = new LocalODataService(flavor, options);
        await service.app.StartAsync().ConfigureAwait(false);
        var address = service.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return service;
    }

    private static object? Plain(object? value) => value is Microsoft.OData.ODataEnumValue member ? member.Value : value;

    private static Dictionary<string, object?> ToStorage(EntitySetInfo set, IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(v => v.Key, v => RowBuilder.Checked(set, set.Column(v.Key), StorageValues.ToStorage(set.Column(v.Key), v.Value)), StringComparer.Ordinal);

    private static ServiceRow ToServiceRow(EntitySetInfo set, StoredRow row) => new(
        set.Columns.ToDictionary(c => c.Name, c => Plain(StorageValues.FromStorage(c, row.Values[c.Name])), StringComparer.Ordinal),
        row.ETag,
        DateTimeOffset.Parse(row.Modified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));
}
