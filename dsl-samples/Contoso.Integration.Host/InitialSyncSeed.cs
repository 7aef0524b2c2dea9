using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Contoso.Integration.Host;

/// <summary>
/// Data that exists on both sides before dual-write is switched on, written with plain SQL and different on each side:
/// overlapping customers with other names and credit limits, records on one side only, rows that cannot be written,
/// and records of a company that is not linked.
/// </summary>
internal static class InitialSyncSeed
{
    private static readonly string[] Cities = { "Seattle", "New York", "Chicago", "München", "Berlin", "London", "Redmond", "Hamburg" };
    private static readonly string[] Names = { "Fabrikam", "Litware", "Northwind", "Adventure Works", "Tailspin", "Wingtip", "Proseware", "Lamna", "Trey Research", "Coho" };
    private static readonly string[] Kinds = { "Electronics", "Retail", "Foods", "Logistics", "Healthcare", "Outdoor", "Consulting", "Motors" };

    // Terms with a two-way value-map entry and cities already in title case: a record seeded alike on both sides
    // then compares equal whichever side is master.
    private static readonly (string Fo, int Dataverse)[] Terms = { ("Net30", 1), ("Net60", 2), ("COD", 3) };

    public static string CustomerName(int i) => $"{Names[i % Names.Length]} {Kinds[i / Names.Length % Kinds.Length]} {i}";

    /// <summary>F&amp;O customers US0001.. of a company; every tenth is a person, which the Customers filter keeps out.</summary>
    public static void FoCustomers(string connectionString, string company, int count)
    {
        Seed.Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                Seed.Run(
                    command,
                    "INSERT INTO CustomersV3 (dataAreaId, CustomerAccount, OrganizationName, CustomerGroupId, CreditLimit, PaymentTerms, OnHoldStatus, PartyType, AddressCity, LanguageId) " +
                        "VALUES ($c, $account, $name, $group, $credit, $terms, 'No', $party, $city, 'en-us')",
                    ("$c", company),
                    ("$account", $"US{i:0000}"),
                    ("$name", CustomerName(i)),
                    ("$group", Group(i)),
                    ("$credit", Credit(i).ToString(CultureInfo.InvariantCulture)),
                    ("$terms", Terms[i % Terms.Length].Fo),
                    ("$party", i % 10 == 0 ? "Person" : "Organization"),
                    ("$city", Cities[i % Cities.Length]));
            }
        });
    }

    /// <summary>
    /// Dataverse accounts US{from}..US{to} of a company, the same customers as in F&amp;O except: every
    /// <paramref name="renameEvery"/>th renamed in Dataverse, every <paramref name="creditEvery"/>th with another credit limit.
    /// </summary>
    public static void DataverseAccounts(string connectionString, string company, int from, int to, int renameEvery, int creditEvery)
    {
        Seed.Execute(connectionString, command =>
        {
            for (var i = from; i <= to; i++)
            {
                if (i % 10 == 0)
                {
                    continue;
                }

                InsertAccount(
                    command,
                    company,
                    $"US{i:0000}",
                    i % renameEvery == 0 ? CustomerName(i) + " (renamed in Dataverse)" : CustomerName(i),
                    Group(i),
                    i % creditEvery == 0 ? Credit(i) + 1000 : Credit(i),
                    Terms[i % Terms.Length].Dataverse,
                    806380000,
                    Cities[i % Cities.Length]);
            }
        });
    }

    /// <summary>
    /// Accounts US5001.. created in Dataverse only (Dataverse's number range). Every twentieth has an on-hold status the
    /// OnHoldStatusCodes value map does not know, and two have names too long for F&amp;O: those rows fail.
    /// </summary>
    public static void DataverseOnlyAccounts(string connectionString, string company, int count)
    {
        Seed.Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                var name = i > count - 3 && i < count
                    ? $"{Names[i % Names.Length]} International Holdings and Subsidiaries of the Greater Pacific Northwest Region, Procurement Division {i}"
                    : $"{Names[i % Names.Length]} Online {i}";
                InsertAccount(command, company, $"US{5000 + i:0000}", name, "30", 5000, 1, i % 20 == 0 ? 806380099 : 806380000, Cities[i % Cities.Length]);
            }
        });
    }

    /// <summary>Customer groups 10, 20 and 30 in Dataverse, 20 described differently; group 50 exists in Dataverse only.</summary>
    public static void DataverseGroups(string connectionString, IEnumerable<string> companies)
    {
        Seed.Execute(connectionString, command =>
        {
            foreach (var company in companies)
            {
                foreach (var (id, description) in new[] { ("10", "Intercompany"), ("20", "Key accounts"), ("30", "Wholesale"), ("50", "Online shop") })
                {
                    Seed.Run(
                        command,
                        "INSERT INTO msdyn_customergroups (msdyn_groupid, msdyn_description, _msdyn_company_value) VALUES ($id, $d, " + Company + ")",
                        ("$id", id),
                        ("$d", description),
                        ("$c", company));
                }

                foreach (var (id, description) in new[] { ("SUPP", "Suppliers"), ("SERV", "Services"), ("FREIGHT", "Freight carriers") })
                {
                    Seed.Run(
                        command,
                        "INSERT INTO msdyn_vendorgroups (msdyn_vendorgroup, msdyn_description, _msdyn_company_value) VALUES ($id, $d, " + Company + ")",
                        ("$id", id),
                        ("$d", description),
                        ("$c", company));
                }
            }
        });
    }

    /// <summary>
    /// Vendors F0001..F{count} as <see cref="Seed.Vendors"/> writes them to F&amp;O, every fourth with another credit
    /// limit, and C0001..C0020 created in Dataverse only.
    /// </summary>
    public static void DataverseVendors(string connectionString, string company, int count)
    {
        Seed.Execute(connectionString, command =>
        {
            void Insert(string account, string name, string group, int credit, string duns) => Seed.Run(
                command,
                "INSERT INTO msdyn_vendors (msdyn_vendoraccountnumber, msdyn_vendorname, _msdyn_vendorgroupid_value, msdyn_vendorcreditlimit, msdyn_isonetimevendor, msdyn_onholdstatus, msdyn_vendoronholdreleasedate, msdyn_dunsnumber, _msdyn_company_value) " +
                    "VALUES ($account, $name, (SELECT g.msdyn_vendorgroupid FROM msdyn_vendorgroups g WHERE g.msdyn_vendorgroup = $group AND g._msdyn_company_value = " + Company + "), " +
                    "$credit, 0, 806380000, $release, $duns, " + Company + ")",
                ("$c", company),
                ("$account", account),
                ("$name", name),
                ("$group", group),
                ("$credit", credit.ToString(CultureInfo.InvariantCulture)),
                ("$duns", duns),
                ("$release", NoDate));

            for (var i = 1; i <= count; i++)
            {
                Insert($"F{i:0000}", $"{Names[(i + 3) % Names.Length]} Supply {i}", new[] { "SUPP", "SERV", "FREIGHT" }[i % 3], i % 4 == 0 ? 75000 : 50000 + i * 100, (100000000 + i).ToString(CultureInfo.InvariantCulture));
            }

            for (var i = 1; i <= 20; i++)
            {
                Insert($"C{i:0000}", $"{Names[i % Names.Length]} Contract Services {i}", "SERV", 20000, (200000000 + i).ToString(CultureInfo.InvariantCulture));
            }
        });
    }

    /// <summary>Products P00001..P{count} as <see cref="Seed.Products"/> writes them to F&amp;O, every sixth renamed in Dataverse.</summary>
    public static void DataverseProducts(string connectionString, int count)
    {
        Seed.Execute(connectionString, command =>
        {
            for (var i = 1; i <= count; i++)
            {
                var name = i % 5 == 0 ? $"Installation service {i}" : $"Surface Pro {i}";
                Seed.Run(
                    command,
                    "INSERT INTO msdyn_globalproducts (msdyn_productnumber, msdyn_productname, msdyn_description, msdyn_producttype, msdyn_fieldserviceproducttype) VALUES ($number, $name, $description, $type, 690970000)",
                    ("$number", $"P{i:00000}"),
                    ("$name", i % 6 == 0 ? name + " (Dataverse catalogue)" : name),
                    ("$description", $"Contoso catalogue item {i}"),
                    ("$type", i % 5 == 0 ? 2 : 1));
            }
        });
    }

    // F&O has no empty date: VendorHoldReleaseDate is not nullable and holds 1900-01-01 instead, which dual-write carries to Dataverse.
    private const string NoDate = "1900-01-01T00:00:00.0000000Z";

    private const string Company = "(SELECT cdm_companyid FROM cdm_companies WHERE cdm_companycode = $c)";

    private static string Group(int i) => i % 3 == 0 ? "20" : "30";

    private static int Credit(int i) => 10000 + i * 250;

    private static void InsertAccount(SqliteCommand command, string company, string account, string name, string group, int credit, int terms, int onHold, string city) => Seed.Run(
        command,
        "INSERT INTO accounts (accountnumber, name, _msdyn_customergroupid_value, creditlimit, msdyn_paymentterms, customertypecode, msdyn_onholdstatus, address1_city, _msdyn_company_value) " +
            "VALUES ($account, $name, (SELECT g.msdyn_customergroupid FROM msdyn_customergroups g WHERE g.msdyn_groupid = $group AND g._msdyn_company_value = " + Company + "), " +
            "$credit, $terms, 3, $hold, $city, " + Company + ")",
        ("$c", company),
        ("$account", account),
        ("$name", name),
        ("$group", group),
        ("$credit", credit.ToString(CultureInfo.InvariantCulture)),
        ("$terms", terms),
        ("$hold", onHold),
        ("$city", city));
}
