using System;
using System.IO;
using DualWrite.Generator.Schema;
using static DualWrite.Generator.Tests.Schema.SchemaFiles;

namespace DualWrite.Generator.Tests.Schema;

/// <summary>Whatever the file holds, the reader answers with a schema or a one-line error, and never throws.</summary>
public sealed class CsdlReaderErrorTests
{
    private const string Path = "schemas/fo.xml";

    [Theory]
    [InlineData("", "'schemas/fo.xml' is empty; expected an OData CSDL document ($metadata)")]
    [InlineData("  \r\n\t", "'schemas/fo.xml' is empty; expected an OData CSDL document ($metadata)")]
    [InlineData("\uFEFF", "'schemas/fo.xml' is empty; expected an OData CSDL document ($metadata)")]
    [InlineData("<!DOCTYPE html>\n<html><head><title>Sign in</title><meta charset=\"utf-8\"></head></html>", "'schemas/fo.xml' is not an OData CSDL document: root element is 'html'")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "'schemas/fo.xml' is not an OData CSDL document: root element is 'feed'")]
    [InlineData("<?xml version=\"1.0\"?><!-- nothing -->", "'schemas/fo.xml' is not well-formed XML: Root element is missing.")]
    public void Not_a_csdl_document(string text, string error)
    {
        Assert.Equal(new CsdlReadResult(null, error), CsdlReader.Read(Path, text));
    }

    [Theory]
    [InlineData("{ \"$Version\": \"4.01\" }", "Data at the root level is invalid. Line 1, position 1.")]
    [InlineData("just text", "Data at the root level is invalid. Line 1, position 1.")]
    [InlineData("<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>", "Unexpected end of file has occurred. The following elements are not closed: edmx:DataServices, edmx:Edmx. Line 1, position 85.")]
    [InlineData("<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\"><EntityType Name=\"A\"></Schema>", "The 'EntityType' start tag on line 1 position 72 does not match the end tag of 'Schema'. Line 1, position 94.")]
    [InlineData("<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\"/><Schema/>", "There are multiple root elements. Line 1, position 73.")]
    public void Malformed_xml_reports_the_xml_error_with_its_position(string text, string xmlMessage)
    {
        Assert.Equal(new CsdlReadResult(null, $"'{Path}' is not well-formed XML: {xmlMessage}"), CsdlReader.Read(Path, text));
    }

    [Theory]
    [InlineData(
        "<edmx:Edmx Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\"/>",
        "is not an OData CSDL document: root element 'edmx:Edmx' is in namespace 'http://schemas.microsoft.com/ado/2007/06/edmx', not OData CSDL v4 ('http://docs.oasis-open.org/odata/ns/edmx')")]
    [InlineData(
        "<Schema Namespace=\"N\"/>",
        "is not an OData CSDL document: root element 'Schema' is in namespace '', not OData CSDL v4 ('http://docs.oasis-open.org/odata/ns/edm')")]
    [InlineData(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices/></edmx:Edmx>",
        "is not an OData CSDL document: it holds no Schema element")]
    [InlineData(
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema xmlns=\"http://schemas.microsoft.com/ado/2009/11/edm\" Namespace=\"N\"/></edmx:DataServices></edmx:Edmx>",
        "is not a valid OData CSDL document: Schema is in namespace 'http://schemas.microsoft.com/ado/2009/11/edm', not OData CSDL v4 ('http://docs.oasis-open.org/odata/ns/edm') (line 1, position 100)")]
    [InlineData(
        "<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\"/>",
        "is not a valid OData CSDL document: Schema has no Namespace attribute (line 1, position 2)")]
    [InlineData(
        "<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\">\n  <EntityType Name=\"A\"><Property Name=\"P\" /></EntityType>\n</Schema>",
        "is not a valid OData CSDL document: Property has no Type attribute (line 2, position 25)")]
    [InlineData(
        "<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\"><EntityType Name=\"A\"><Property Name=\"P\" Type=\"Edm.String\" MaxLength=\"long\" /></EntityType></Schema>",
        "is not a valid OData CSDL document: MaxLength=\"long\" is not an integer (line 1, position 93)")]
    [InlineData(
        "<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\"><EntityType Name=\"A\" Abstract=\"yes\" /></Schema>",
        "is not a valid OData CSDL document: Abstract=\"yes\" is not true or false (line 1, position 72)")]
    [InlineData(
        "<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\"><EnumType Name=\"E\"><Member Name=\"M\" Value=\"0x1\" /></EnumType></Schema>",
        "is not a valid OData CSDL document: Value=\"0x1\" is not an integer (line 1, position 91)")]
    [InlineData(
        "<Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"N\"/>trailing",
        "is not well-formed XML: Data at the root level is invalid. Line 1, position 72.")]
    public void Wrong_csdl_reports_what_and_where(string text, string error)
    {
        Assert.Equal(new CsdlReadResult(null, $"'{Path}' {error}"), CsdlReader.Read(Path, text));
    }

    [Fact]
    public void Every_prefix_of_a_real_document_is_read_without_throwing()
    {
        var text = ReadAsSourceText(FoSample);
        for (var length = 0; length < text.Length; length += 97)
        {
            var result = CsdlReader.Read(Path, text.Substring(0, length));
            Assert.Null(result.Schema);
            var error = Assert.IsType<string>(result.Error);
            Assert.StartsWith($"'{Path}' ", error);
            Assert.DoesNotContain('\n', error);
        }

        Assert.NotNull(CsdlReader.Read(Path, text).Schema);
    }

    [Fact]
    public void A_corpus_document_cut_in_half_reports_where_it_breaks()
    {
        var text = File.ReadAllText(Corpus("crm_schema.xml"));
        var result = CsdlReader.Read(Path, text.Substring(0, text.Length / 2));
        Assert.Equal(new CsdlReadResult(null, $"'{Path}' is not well-formed XML: There is an unclosed literal string. Line 27759, position 29."), result);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var cancellation = new System.Threading.CancellationTokenSource();
        cancellation.Cancel();
        Assert.Throws<OperationCanceledException>(() => CsdlReader.Read(Path, ReadAsSourceText(DataverseSample), cancellation.Token));
    }
}
