using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Contoso.Integration.Host;

/// <summary>Realistic Contoso data written to F&amp;O with plain SQL, one transaction per table, as a bulk import would.</summary>
internal static class Seed
{
    private static readonly string[] Cities = { "SEATTLE", "new york", "Chicago", "münchen", "Berlin", "london", "Redmond", "Hamburg" };
    private static readonly string[] Names = { "Fabrikam", "Litware", "Northwind", "Adventure Works", "Tailspin", "Wingtip", "Proseware", "Lamna", "Trey Research", "Coho" };
    private static readonly string[] Kinds = { "Electronics", "Retail", "Foods", "Logistics", "Healthcare", "Outdoor", "Consulting", "Motors" };
    private static readonly string[] Terms = { "Net30", "Net60", "COD", "Net10" };

    public static void Groups(string connectionString, IEnumerable<string> companies)
    {
        Execute(connectionString, command =>
        {
            foreach (var company in companies)
            {
                foreach (var (id, description) in new[] { ("10", "Intercompany"), ("20", "Major accounts"), ("30", "Wholesale"), ("40", "Retail") })
                {
                    Run(command, "INSERT INTO CustomerGroups (dataAreaId, CustomerGroupId, Description) VALUES ($c, $id, $d)", ("$c", company), ("$id", id), ("$d", description));
                }

                foreach (var (id, description) in new[] { ("SUPP", "Suppliers"), ("SERV", "Services"), ("FREIGHT", "Freight carriers") })
                {
                    Run(command, "INSERT INTO VendorGroups (dataAreaId, VendorGroupId, Description) VALUES ($c, $id, $d)", ("$c", company), ("$id", id), ("$d", description));
                }
            }
        });
    }

    /// <summary>Customers US0001.. per company (F&amp;O's number range); every tenth is a person, which the Customers filter keeps out.</summary>
    public static void Customers(string connectionString, string company, int count)
    {
        Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                Run(
                    command,
                    "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, CreditLimit, PaymentTerms, OnHoldStatus, PartyType, AddressCity) " +
                        "VALUES ($c, $account, $name, $group, $credit, $terms, 'No', $party, $city)",
                    ("$c", company),
                    ("$account", $"US{i:0000}"),
                    ("$name", $"{Names[i % Names.Length]} {Kinds[i / Names.Length % Kinds.Length]} {i}"),
                    ("$group", i % 3 == 0 ? "20" : "30"),
                    ("$credit", (10000 + i * 250).ToString(CultureInfo.InvariantCulture)),
                    ("$terms", Terms[i % Terms.Length]),
                    ("$party", i % 10 == 0 ? "Person" : "Organization"),
                    ("$city", Cities[i % Cities.Length]));
            }
        });
    }

    /// <summary>Contact persons of a company's organization customers, linked to them on Dataverse through parentcustomerid.</summary>
    public static void Contacts(string connectionString, string company, int count)
    {
        Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                var customer = i * 3 - 2;
                customer += customer % 10 == 0 ? 1 : 0;
                Run(
                    command,
                    "INSERT INTO ContactPersonsV2 (dataAreaId, ContactPersonId, FirstName, LastName, PrimaryEmail, EmploymentDepartment, IsReceivingDirectMail, AssociatedContactNumber) " +
                        "VALUES ($c, $id, $first, $last, $mail, 'Purchasing', $mailing, $customer)",
                    ("$c", company),
                    ("$id", $"{company}-CP{i:00000}"),
                    ("$first", new[] { "Ana", "Bo", "Chen", "Dara", "Emil", "Fatima" }[i % 6]),
                    ("$last", new[] { "Smith", "Müller", "Garcia", "Okafor", "Nguyen" }[i % 5]),
                    ("$mail", $"contact{i}@{company.ToLowerInvariant()}.contoso.com"),
                    ("$mailing", i % 2 == 0 ? "Yes" : "No"),
                    ("$customer", $"US{customer:0000}"));
            }
        });
    }

    /// <summary>Vendors F0001.. (F&amp;O's prefix) per company.</summary>
    public static void Vendors(string connectionString, string company, int count)
    {
        Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                Run(
                    command,
                    "INSERT INTO VendorsV2 (dataAreaId, VendorAccountNumber, VendorOrganizationName, VendorGroupId, CreditLimit, IsOneTimeVendor, OnHoldStatus, VendorPartyType, DUNSNumber) " +
                        "VALUES ($c, $account, $name, $group, $credit, 'No', 'No', 'Organization', $duns)",
                    ("$c", company),
                    ("$account", $"F{i:0000}"),
                    ("$name", $"{Names[(i + 3) % Names.Length]} Supply {i}"),
                    ("$group", new[] { "SUPP", "SERV", "FREIGHT" }[i % 3]),
                    ("$credit", (50000 + i * 100).ToString(CultureInfo.InvariantCulture)),
                    ("$duns", (100000000 + i).ToString(CultureInfo.InvariantCulture)));
            }
        });
    }

    /// <summary>Shared products, global on both sides.</summary>
    public static void Products(string connectionString, int count)
    {
        Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                Run(
                    command,
                    "INSERT INTO ProductsV2 (ProductNumber, ProductName, ProductDescription, ProductType) VALUES ($number, $name, $description, $type)",
                    ("$number", $"P{i:00000}"),
                    ("$name", i % 5 == 0 ? $"Installation service {i}" : $"Surface Pro {i}"),
                    ("$description", $"Contoso catalogue item {i}"),
                    ("$type", i % 5 == 0 ? "Service" : "Item"));
            }
        });
    }

    public static void Execute(string connectionString, Action<SqliteCommand> write)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        write(command);
        transaction.Commit();
    }

    public static int Run(SqliteCommand command, string sql, params (string Name, object? Value)[] parameters)
    {
        command.CommandText = sql;
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command.ExecuteNonQuery();
    }

    public static long Scalar(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<string?> Column(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string?>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return values;
    }
}
