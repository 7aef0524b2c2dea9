using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using DualWrite.LocalOData.Hosting;
using DualWrite.LocalOData.Tests.Support;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.Data.Sqlite;

namespace DualWrite.LocalOData.Tests.Storage;

/// <summary>The services keep their rows in an embedded environment: its tables, its change log and its triggers.</summary>
public sealed class EmbeddedStorageTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture services;

    public EmbeddedStorageTests(ServiceFixture services) => this.services = services;

    [Fact]
    public async Task A_service_write_is_a_change_of_the_embedded_environment_on_the_same_database()
    {
        var folder = Directory.CreateTempSubdirectory("dualwrite-storage-").FullName;
        var path = Path.Combine(folder, "dataverse.db");
        try
        {
            await using (var service = await LocalODataService.StartDataverseAsync(new LocalODataOptions
            {
                SchemaPath = ServiceFixture.Schema("dataverse.metadata.xml"), AccessToken = ServiceFixture.Token, DatabasePath = path,
            }))
            {
                using var client = new ODataTestClient(service.ServiceRoot, ServiceFixture.Token);
                using var created = await client.SendAsync(HttpMethod.Post, "cdm_companies", new { cdm_companycode = "LOG1", cdm_name = "Logged" });
                Assert.Equal(HttpStatusCode.NoContent, created.StatusCode);
            }

            using var environment = EmbeddedEnvironment.Open(Side.Dataverse, path, ServiceFixture.Schema("dataverse.metadata.xml"));
            var change = Assert.Single(environment.ReadChanges("cdm_companies", 0, environment.GetHead()));
            Assert.Equal(ChangeOperation.Insert, change.Operation);
            Assert.Contains("\"cdm_companycode\":\"LOG1\"", change.Image, System.StringComparison.Ordinal);
            Assert.Null(change.Origin);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_plain_SQL_edit_of_the_database_is_logged_and_gives_the_row_a_new_version()
    {
        var key = new Dictionary<string, object?> { ["cdm_companycode"] = "SQL1" };
        await services.Dataverse.InsertAsync("cdm_companies", key);
        var before = services.Dataverse.Find("cdm_companies", key)!;

        using (var connection = new SqliteConnection(services.Dataverse.ConnectionString))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = "UPDATE cdm_companies SET cdm_name = 'Edited in SQL' WHERE cdm_companycode = 'SQL1'";
            Assert.Equal(1, edit.ExecuteNonQuery());
        }

        var after = services.Dataverse.Find("cdm_companies", key)!;
        Assert.Equal("Edited in SQL", after["cdm_name"]);
        Assert.NotEqual(before.ETag, after.ETag);
    }
}
