using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Testing;
using DualWrite.Testing.Postgres;

namespace DualWrite.Cli.Tests;

/// <summary>
/// Every command that takes <c>--state</c>, with a PostgreSQL location in each form the tool accepts, never prints its
/// password: not when the server cannot be reached, not when it can.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StateSecretsTests : IDisposable
{
    private const string Leak = SecretStateLocations.Leak;

    private readonly TestFolder _folder = new();
    private readonly PostgresCluster _cluster;

    public StateSecretsTests(PostgresCluster cluster)
    {
        _cluster = cluster;
        EmbeddedEnvironment.Open(Side.Fo, FoPath, FoSchema).Dispose();
        EmbeddedEnvironment.Open(Side.Dataverse, DataversePath, DataverseSchema).Dispose();
    }

    public static TheoryData<string> Forms => SecretStateLocations.Forms;

    private static string Maps => typeof(DualWriteMaps).Assembly.Location;

    private string FoPath => Path.Combine(_folder.Path, "fo.db");

    private string DataversePath => Path.Combine(_folder.Path, "dataverse.db");

    private static string FoSchema => Path.Combine(RepoPaths.Sample, "schemas", "fo.metadata.xml");

    private static string DataverseSchema => Path.Combine(RepoPaths.Sample, "schemas", "dataverse.metadata.xml");

    /// <summary>Every command that opens the state store, with the arguments it needs to get that far.</summary>
    private static IEnumerable<string[]> Commands =>
    [
        ["link", "--companies", "usmf"],
        ["status"],
        ["pause", CustomersMap.Name],
        ["resume", CustomersMap.Name],
        ["stop", CustomersMap.Name],
        ["retry", "--all", "--maps", Maps],
        ["discard", "--all", "--maps", Maps],
        ["initial-sync", "run", "--master", "fo", "--maps", Maps],
        ["initial-sync", "dry-run", "--master", "fo", "--maps", Maps],
        ["initial-sync", "resume", "run1", "--maps", Maps],
        ["initial-sync", "rerun", "run1", "--maps", Maps],
        ["initial-sync", "errors", "run1", "--maps", Maps],
        ["initial-sync", "runs", "--maps", Maps],
        ["relink"],
        ["unlink"],
    ];

    [Theory]
    [MemberData(nameof(Forms))]
    public void No_command_shows_the_password_of_a_state_store_it_cannot_reach(string form)
    {
        var state = SecretStateLocations.Location(form, 1, "state");

        foreach (var command in Commands)
        {
            var result = Run(state, command);

            Assert.True(result.ExitCode == 2, $"{string.Join(' ', command)} exited {result.ExitCode}: {result.Error}");
            Assert.Contains("cannot open the state store ", result.Error, StringComparison.Ordinal);
            Assert.Contains("***", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(Leak, result.Output + result.Error, StringComparison.Ordinal);
        }

        var errors = Cli.Run("errors", "--state", state);
        Assert.Equal(2, errors.ExitCode);
        Assert.DoesNotContain(Leak, errors.Output + errors.Error, StringComparison.Ordinal);
    }

    [PostgresTheory]
    [MemberData(nameof(Forms))]
    public void No_command_shows_the_password_of_a_state_store_it_works_with(string form)
    {
        using var database = _cluster.CreateDatabase();
        var port = new Uri(database.Url).Port;
        var state = SecretStateLocations.Location(form, port, database.Name);

        var results = Commands.Select(command => (Command: command, Result: Run(state, command))).ToList();
        results.Add((["errors"], Cli.Run("errors", "--state", state)));

        Assert.Equal(0, results.Single(r => r.Command[0] == "link").Result.ExitCode);
        Assert.Contains("companies USMF", results.Single(r => r.Command[0] == "status").Result.Output, StringComparison.Ordinal);
        foreach (var (command, result) in results)
        {
            Assert.DoesNotContain("cannot open the state store", result.Error, StringComparison.Ordinal);
            Assert.False(result.Output.Contains(Leak, StringComparison.Ordinal) || result.Error.Contains(Leak, StringComparison.Ordinal), $"{string.Join(' ', command)} showed the password: {result.Output}{result.Error}");
        }
    }

    [Fact]
    public void A_sqlite_state_path_is_named_as_it_is()
    {
        var missing = Path.Combine(_folder.Path, "no such", "state.db");

        var status = Run(missing, ["status"]);

        Assert.Equal(2, status.ExitCode);
        Assert.Contains($"--state '{missing}' does not exist.", status.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private CliResult Run(string state, string[] command) =>
        Cli.Run(command.Concat(["--state", state, "--fo", FoPath, "--dataverse", DataversePath, "--fo-schema", FoSchema, "--dataverse-schema", DataverseSchema]).ToArray());
}
