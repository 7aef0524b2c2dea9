using System;
using System.Collections.Generic;
using System.Linq;
using Contoso.Integration;
using DualWrite.Runtime.InitialSync;
using Microsoft.Data.Sqlite;
using Dataverse = Contoso.Integration.Dataverse;
using Fo = Contoso.Integration.Fo;

namespace DualWrite.Runtime.Tests;

/// <summary>Helpers for initial-sync tests: worlds seeded before the link, as data that exists before dual-write is switched on.</summary>
internal static class InitialSyncWorld
{
    /// <summary>An unlinked world whose Dataverse side already has the company rows, so seeding can bind company lookups.</summary>
    public static World Unlinked(string[]? companies = null)
    {
        var world = new World(link: false);
        world.Dataverse.EnsureCompanies(companies ?? new[] { "USMF" });
        return world;
    }

    public static void SeedGroupOnBothSides(World world, string group = "30", string company = "USMF")
    {
        world.Fo.Save(World.FoGroup, new Fo.CustomerGroup { dataAreaId = company, CustomerGroupId = group, Description = "Group " + group });
        world.Dataverse.Save(World.DataverseGroup, new Dataverse.Msdyn_customergroup
        {
            msdyn_groupid = group,
            msdyn_description = "Group " + group,
            msdyn_company = new Dataverse.Cdm_company { cdm_companycode = company },
        });
    }

    public static InitialSyncRunner Runner(World world) => new(world.Fo, world.Dataverse, world.State, world.Maps);

    public static InitialSyncResult Run(World world, Side master = Side.Fo, IEnumerable<string>? skip = null)
    {
        var runner = Runner(world);
        return runner.Run(runner.Plan(skip: skip), new InitialSyncOptions { Master = master });
    }

    /// <summary>Inserts F&amp;O customers US000000.. with plain SQL in one transaction: the fastest way to a large table.</summary>
    public static void InsertFoCustomers(World world, int count, string company = "USMF", string group = "30")
    {
        using var connection = new SqliteConnection(world.Fo.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, CreditLimit, PaymentTerms, OnHoldStatus, PartyType, AddressCity) " +
            "VALUES ($company, $account, $name, $group, '1000', 'Net30', 'No', 'Organization', 'Seattle')";
        var companyParameter = command.Parameters.Add("$company", SqliteType.Text);
        var account = command.Parameters.Add("$account", SqliteType.Text);
        var name = command.Parameters.Add("$name", SqliteType.Text);
        command.Parameters.AddWithValue("$group", group);
        companyParameter.Value = company;
        command.Prepare();
        for (var i = 0; i < count; i++)
        {
            account.Value = "C" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            name.Value = "Customer " + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static long Count(World world, Environments.Embedded.EmbeddedEnvironment environment, string sql) =>
        Convert.ToInt64(world.Scalar(environment, sql), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An IProgress that runs its handler at once, on the reporting thread (Progress&lt;T&gt; would post it).</summary>
    public sealed class Inline<T> : IProgress<T>
    {
        private readonly Action<T> _handler;

        public Inline(Action<T> handler) => _handler = handler;

        public void Report(T value) => _handler(value);
    }

    public static IReadOnlyList<string> Names(InitialSyncPlan plan) => plan.Steps.Select(s => $"{s.Map}/{s.Pass}").ToList();

    public static IDualWriteMap Map(string name) => DualWriteMaps.All.Single(m => m.Name == name);
}
