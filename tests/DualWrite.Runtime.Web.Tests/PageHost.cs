using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration.Host;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Hosting;
using DualWrite.Runtime.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>The sample's web host on an ephemeral loopback port, over embedded environments in a folder of its own, seeded and caught up.</summary>
internal sealed class PageHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private PageHost(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
    }

    public string PageUrl => _app.Urls.First() + WebSample.PagePath;

    public IServiceProvider Services => _app.Services;

    public DualWriteRuntime Runtime => _app.Services.GetRequiredService<DualWriteRuntime>();

    public DualWriteEnvironments Environments => _app.Services.GetRequiredService<DualWriteEnvironments>();

    public string StatePath => Path.Combine(_folder, "state.db");

    public string DataversePath => Path.Combine(_folder, "dataverse.db");

    public static async Task<PageHost> StartAsync(int customersPerCompany = 40)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dualwrite-web-tests", Guid.NewGuid().ToString("N"));
        var app = WebSample.Build(folder, "http://127.0.0.1:0");
        await app.StartAsync();
        var host = new PageHost(app, folder);
        var fo = host.Environments.Fo.ConnectionString;
        Seed.Groups(fo, ["USMF", "DEMF"]);
        Seed.Customers(fo, "USMF", customersPerCompany);
        Seed.Customers(fo, "DEMF", customersPerCompany);
        await host.CaughtUpAsync();
        return host;
    }

    /// <summary>A one-time login code for an operator (who may act) or a reader.</summary>
    public string Login(bool canAct) => _app.Services.GetRequiredService<DualWriteOneTimeLogins>().Issue(canAct ? "operator" : "reader", canAct);

    /// <summary>An HTTP client signed in as an operator through the login form; it follows no redirects, so tests see them.</summary>
    public async Task<HttpClient> SignedInClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var login = await client.GetStringAsync(PageUrl + "/login");
        using var signIn = await client.PostAsync(PageUrl + "/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(login),
            ["code"] = Login(canAct: true),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Confirms a stopped map's initial sync with F&amp;O as master, as its confirmation page's form would.</summary>
    public async Task<HttpResponseMessage> StartInitialSyncAsync(HttpClient client, string map)
    {
        var confirm = await client.GetStringAsync(PageUrl + $"/maps/{map}/confirm/initial-sync");
        return await client.PostAsync(PageUrl + $"/maps/{map}/initial-sync", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(confirm),
            ["master"] = "Fo",
        }));
    }

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string AntiforgeryToken(string html) => Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Runs one SQL statement on a SQLite database (an environment's tables, as a bulk import writes them) and returns its first value.</summary>
    public static object? Execute(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteScalar();
    }

    /// <summary>Holds the write lock of a SQLite database (the state store, an environment) until the connection is disposed; readers go on.</summary>
    public static Microsoft.Data.Sqlite.SqliteConnection HoldWriteLock(string path)
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Waits until no map replays and every running map's cursors stand at both heads. Bounded, asserts no time.</summary>
    public async Task CaughtUpAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var (foHead, dataverseHead) = (Environments.Fo.GetHead(), Environments.Dataverse.GetHead());
            var cursors = Environments.State.GetCursors();
            var behind = cursors.Select(c => c.Map).Distinct().Any(map => Runtime.GetMapState(map) == MapState.Replaying)
                || cursors.Any(c => Runtime.GetMapState(c.Map) == MapState.Running && c.Sequence < (c.Side == Side.Fo ? foHead : dataverseHead));
            if (!behind)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
