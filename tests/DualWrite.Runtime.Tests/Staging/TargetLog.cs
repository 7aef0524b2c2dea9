using System.Collections.Generic;
using System.Text.Json;
using Contoso.Integration;
using DualWrite.Runtime.Environments.Embedded;
using Microsoft.Data.Sqlite;

namespace DualWrite.Runtime.Tests.Staging;

/// <summary>What the runtime wrote to a side for one customer, read from that side's own change log (its tagged writes).</summary>
internal static class TargetLog
{
    /// <summary>The names the Customers map wrote to Dataverse for an account, in change-log order, with the F&amp;O sequence each carried.</summary>
    public static List<(long Source, string Name)> WrittenToDataverse(EmbeddedEnvironment dataverse, string account) =>
        Written(dataverse, "accounts", "accountnumber", "name", account);

    /// <summary>The names the Customers map wrote to F&amp;O for an account, in change-log order, with the Dataverse sequence each carried.</summary>
    public static List<(long Source, string Name)> WrittenToFo(EmbeddedEnvironment fo, string account) =>
        Written(fo, "CustomersV3", "CustomerAccount", "OrganizationName", account);

    private static List<(long Source, string Name)> Written(EmbeddedEnvironment environment, string table, string key, string name, string account)
    {
        using var connection = new SqliteConnection(environment.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT origin, image FROM dw_changes WHERE entity_set = '{table}' AND origin LIKE $prefix AND json_extract(image, '$.{key}') = $account ORDER BY sequence";
        command.Parameters.AddWithValue("$prefix", $"dualwrite:{CustomersMap.Name}#%");
        command.Parameters.AddWithValue("$account", account);
        var written = new List<(long, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var origin = reader.GetString(0);
            var source = long.Parse(origin[(origin.IndexOf('#') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            written.Add((source, JsonDocument.Parse(reader.GetString(1)).RootElement.GetProperty(name).GetString()!));
        }

        return written;
    }
}
