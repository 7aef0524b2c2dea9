using System;
using System.IO;
using System.Linq;
using System.Text;
using DualWrite.Generator.Schema;
using static DualWrite.Generator.Tests.Schema.SchemaFiles;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>Real Dataverse $metadata documents (tests/TestData/dataverse-csdl, with their sources in its README) read in full.</summary>
public sealed class CorpusSchemaTests
{
    private const string Crm = "Microsoft.Dynamics.CRM.";

    private static readonly Lazy<SchemaModel> CrmSchema = new(() => ReadSchema(Corpus("crm_schema.xml")));

    [Fact]
    public void Crm_schema_counts()
    {
        var model = CrmSchema.Value;
        Assert.Equal(280, model.EntityTypes.Count);
        Assert.Equal(5228, model.EntityTypes.Sum(t => t.NavigationProperties.Count));
        Assert.Equal(252, model.EntitySets.Count);
        Assert.Equal(38, model.EnumTypes.Count);
        Assert.Equal(1464, model.EntityTypes.Sum(t => t.Properties.Count(p => p.IsComputed)));
    }

    [Fact]
    public void Crm_schema_resolves_the_mscrm_alias()
    {
        var model = CrmSchema.Value;
        var account = model.EntityType("account");
        Assert.Equal(Crm + "account", account.FullName);
        Assert.Equal(Crm + "crmbaseentity", account.BaseTypeFullName);
        var accounts = Assert.Single(model.EntitySets, s => s.Name == "accounts");
        Assert.Equal(Crm + "account", accounts.EntityTypeFullName);

        // Bound to a set the document does not publish: the target is kept by name.
        Assert.Contains(new NavigationBindingInfo("ownerid", "owners"), accounts.NavigationBindings);
        Assert.All(model.EntityTypes, t => Assert.True(t.BaseTypeFullName is null || t.BaseTypeFullName.StartsWith(Crm, StringComparison.Ordinal)));
        Assert.All(model.EntityTypes.SelectMany(t => t.NavigationProperties), n => Assert.StartsWith(Crm, n.TargetTypeFullName));

        var parent = model.EntityType("contact").Navigation("parentcustomerid_account");
        Assert.Equal(Crm + "account", parent.TargetTypeFullName);
        Assert.False(parent.IsCollection);
        Assert.Equal("contact_customer_accounts", parent.Partner);
        Assert.Equal(new[] { new ReferentialConstraintInfo("_parentcustomerid_value", "accountid") }, parent.Constraints);

        var children = account.Navigation("contact_customer_accounts");
        Assert.Equal(Crm + "contact", children.TargetTypeFullName);
        Assert.True(children.IsCollection);
    }

    [Fact]
    public void Crm_schema_known_properties()
    {
        var account = CrmSchema.Value.EntityType("account");
        Assert.Equal(new[] { "accountid" }, account.Key);

        // Scale="Variable" is no fixed scale; Computed plus Permissions/Read.
        Assert.Equal(new PropertyInfo("openrevenue", "Edm.Decimal", false, true, null, null, null, true, true), account.Property("openrevenue"));
        Assert.Equal(new PropertyInfo("accountnumber", "Edm.String", false, true, null, null, null, false, false), account.Property("accountnumber"));
        Assert.Equal("Edm.Guid", CrmSchema.Value.EntityType("contact").Property("_parentcustomerid_value").TypeName);

        // Permissions/Write alone is writable.
        var appointment = CrmSchema.Value.EntityType("appointment");
        Assert.Equal(Crm + "activitypointer", appointment.BaseTypeFullName);
        Assert.False(appointment.Property("subscriptionid").IsReadOnly);

        var crmbaseentity = CrmSchema.Value.EntityType("crmbaseentity");
        Assert.True(crmbaseentity.IsAbstract);
        Assert.Empty(crmbaseentity.Properties);
    }

    [Fact]
    public void Crm_schema_collection_and_enum_typed_properties()
    {
        var model = CrmSchema.Value;
        var collection = model.EntityTypes.SelectMany(t => t.Properties).First(p => p.IsCollection);
        Assert.DoesNotContain("Collection(", collection.TypeName);
        Assert.StartsWith(Crm, model.EntityType("DateTimeAttributeMetadata").Property("Format").TypeName);

        var accessRights = model.EnumTypes.Single(e => e.Name == "AccessRights");
        Assert.True(accessRights.IsFlags);
        Assert.Equal(new EnumMemberInfo("DeleteAccess", 65536), accessRights.Members.Single(m => m.Name == "DeleteAccess"));
    }

    [Fact]
    public void Crm_schema_alternate_keys_on_metadata_types()
    {
        var model = CrmSchema.Value;
        Assert.Equal(28, model.EntityTypes.Count(t => !t.AlternateKeys.IsEmpty));
        Assert.Equal(new[] { new AlternateKeyInfo("LogicalName", Names("LogicalName")) }, model.EntityType("EntityMetadata").AlternateKeys);
        Assert.Equal(new[] { new AlternateKeyInfo("SchemaName", Names("SchemaName")) }, model.EntityType("OneToManyRelationshipMetadata").AlternateKeys);

        // The document restates LogicalName three times on PicklistAttributeMetadata; one key it is.
        Assert.Equal(new[] { new AlternateKeyInfo("LogicalName", Names("LogicalName")) }, model.EntityType("PicklistAttributeMetadata").AlternateKeys);
        Assert.Empty(model.EntityType("account").AlternateKeys);
    }

    [Fact]
    public void DynamicsCrm_with_a_byte_order_mark()
    {
        var path = Corpus("DynamicsCRM.xml");

        // Decoded without dropping the mark, as SourceText may hand it over.
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(File.ReadAllBytes(path));
        Assert.Equal('\uFEFF', text[0]);

        var result = CsdlReader.Read(path, text);
        Assert.Null(result.Error);
        var model = Assert.IsType<SchemaModel>(result.Schema);
        Assert.Equal(265, model.EntityTypes.Count);
        Assert.Equal(4856, model.EntityTypes.Sum(t => t.NavigationProperties.Count));
        Assert.Equal(237, model.EntitySets.Count);
        Assert.Equal(33, model.EnumTypes.Count);
        Assert.Equal(new[] { "ID" }, model.EntityType("ExampleEntity").Key);
        Assert.Equal(new PropertyInfo("ID", "Edm.Int32", false, false, null, null, null, false, false), model.EntityType("ExampleEntity").Property("ID"));
        Assert.All(model.EntityTypes, t => Assert.Empty(t.AlternateKeys));
        Assert.Equal(result, CsdlReader.Read(path, ReadAsSourceText(path)));
    }

    [Fact]
    public void Reading_the_same_text_twice_gives_equal_models()
    {
        var path = Corpus("crm_schema.xml");
        var text = File.ReadAllText(path);
        Assert.Equal(CsdlReader.Read(path, text), CsdlReader.Read(path, text));
    }
}
