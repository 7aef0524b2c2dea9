using System;
using System.Collections.Generic;
using DualWrite.Runtime.OData.Reads;
using DualWrite.Runtime.OData.Tests.Payloads;
using Microsoft.OData;

namespace DualWrite.Runtime.OData.Tests.Reads;

/// <summary>The read-ahead writes its <c>$batch</c> of queries itself: ODataLib, which the services' batch readers are, must read it as sent.</summary>
public sealed class GetBatchBodyTests
{
    [Fact]
    public void ODataLib_reads_each_query_of_the_batch_with_its_url_and_headers()
    {
        var urls = new[]
        {
            PayloadCodecModel.Root.AbsoluteUri + "Samples?$select=Id,Name&$filter=(Name%20eq%20%27a%27)%20or%20(Name%20eq%20%27O%27%27Brien%27)",
            PayloadCodecModel.Root.AbsoluteUri + "Samples?$select=Id&$filter=(Id%20eq%203)&cross-company=true",
            PayloadCodecModel.Root.AbsoluteUri + "Samples?$filter=(Name%20eq%20%27S%C3%B8n%27)",
        };
        const string boundary = "batch_5b1c2f0e34a14f5e9e0b0d6c3a1b2c3d";
        var message = new InMemoryODataMessage(GetBatchBody.Write(boundary, urls, 250));
        message.SetHeader("Content-Type", "multipart/mixed; boundary=" + boundary);

        var read = new List<(string Method, string Url, string Accept, string Prefer)>();
        var settings = new ODataMessageReaderSettings { BaseUri = PayloadCodecModel.Root, MaxProtocolVersion = ODataVersion.V401 };
        using (var reader = new ODataMessageReader((IODataRequestMessage)message, settings, PayloadCodecModel.Model))
        {
            var batch = reader.CreateODataBatchReader();
            while (batch.Read())
            {
                Assert.NotEqual(ODataBatchReaderState.ChangesetStart, batch.State);
                if (batch.State == ODataBatchReaderState.Operation)
                {
                    var operation = batch.CreateOperationRequestMessage();
                    read.Add((operation.Method, operation.Url.AbsoluteUri, operation.GetHeader("Accept"), operation.GetHeader("Prefer")));
                    using var body = operation.GetStream();
                    Assert.Equal(-1, body.ReadByte());
                }
            }
        }

        Assert.Equal(
            Array.ConvertAll(urls, url => ("GET", url, "application/json;odata.metadata=minimal", "odata.maxpagesize=250")),
            read.ToArray());
    }
}
