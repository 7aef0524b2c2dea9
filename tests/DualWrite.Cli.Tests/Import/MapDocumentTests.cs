using System.Linq;
using System.Text.Json;
using DualWrite.Cli.Commands.Import.DualWriteJson;

namespace DualWrite.Cli.Tests.Import;

public sealed class MapDocumentTests
{
    private const string Project = """
        {
          "name": "Customers",
          "id": "ignored bookkeeping",
          "entityMappingTasks": [ {
            "name": "CustomersV3_accounts", "order": 1,
            "legs": [ {
              "sourceSchema": "CustomersV3", "destinationSchema": "accounts",
              "sourceFilter": "(PartyType == \"Organization\")",
              "fieldMappings": [
                { "syncDirection": 1, "sourceField": "A", "destinationField": "a" },
                { "syncDirection": "2", "sourceField": "B", "destinationField": "b" },
                { "syncDirection": "Both", "sourceField": "C", "destinationField": "c" },
                { "syncDirection": "FOOnly", "sourceField": "D", "destinationField": "d" },
                { "syncDirection": "CEOnly", "sourceField": "E", "destinationField": "e" }
              ]
            } ]
          } ]
        }
        """;

    [Fact]
    public void Sync_direction_is_read_from_numbers_numeric_strings_and_names()
    {
        var project = Assert.Single(MapDocument.Read(Project));

        var directions = project.EntityMappingTasks.Single().Legs.Single().FieldMappings.Select(f => f.SyncDirection);

        Assert.Equal(
            [FieldSyncDirection.ToDataverse, FieldSyncDirection.ToFo, FieldSyncDirection.Both, FieldSyncDirection.ToDataverse, FieldSyncDirection.ToFo],
            directions);
    }

    [Fact]
    public void An_unknown_sync_direction_is_an_error_that_names_the_values()
    {
        var json = Project.Replace("\"syncDirection\": 1", "\"syncDirection\": 7", System.StringComparison.Ordinal);

        var exception = Assert.Throws<JsonException>(() => MapDocument.Read(json));

        Assert.Contains("1 (F&O to Dataverse)", exception.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_and_reading_gives_the_same_project_with_directions_as_numbers()
    {
        var project = MapDocument.Read(Project).Single();

        var written = MapDocument.Write(project);

        Assert.Contains("\"syncDirection\": 2", written, System.StringComparison.Ordinal);
        Assert.DoesNotContain("bookkeeping", written, System.StringComparison.Ordinal);
        Assert.Equal(written, MapDocument.Write(MapDocument.Read(written).Single()));
    }

    [Fact]
    public void A_list_of_entity_map_rows_yields_the_latest_version_of_each_map()
    {
        var rows = new
        {
            value = new[]
            {
                new { msdyn_name = "Customers", msdyn_version = "1.0.0.9", msdyn_mapping = Project.Replace("CustomersV3_accounts", "old", System.StringComparison.Ordinal) },
                new { msdyn_name = "Customers", msdyn_version = "1.0.0.10", msdyn_mapping = Project },
                new { msdyn_name = "Vendors", msdyn_version = "1.0.0.1", msdyn_mapping = Project.Replace("CustomersV3_accounts", "vendors", System.StringComparison.Ordinal) },
            },
        };

        var projects = MapDocument.Read(JsonSerializer.Serialize(rows));

        Assert.Equal(["CustomersV3_accounts", "vendors"], projects.Select(p => p.EntityMappingTasks.Single().Name));
    }
}
