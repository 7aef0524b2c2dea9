using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace DualWrite.LocalOData.Tests.Support;

/// <summary>Writes a multipart/mixed <c>$batch</c> body by hand, in the shape Dataverse's documentation shows, so the service's parser meets raw client text.</summary>
public sealed class BatchBuilder
{
    private readonly string batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
    private readonly StringBuilder body = new();
    private readonly Uri serviceRoot;
    private string? changesetBoundary;
    private int contentId;

    public BatchBuilder(Uri serviceRoot) => this.serviceRoot = serviceRoot;

    public int Operations { get; private set; }

    public BatchBuilder BeginChangeset()
    {
        changesetBoundary = "changeset_" + Guid.NewGuid().ToString("N");
        body.Append($"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary={changesetBoundary}\r\n\r\n");
        return this;
    }

    public BatchBuilder EndChangeset()
    {
        body.Append($"--{changesetBoundary}--\r\n");
        changesetBoundary = null;
        return this;
    }

    public BatchBuilder Add(string method, string url, string? json = null, params (string Name, string Value)[] headers)
    {
        Operations++;
        body.Append($"--{changesetBoundary ?? batchBoundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (changesetBoundary is not null)
        {
            body.Append($"Content-ID: {++contentId}\r\n");
        }

        body.Append($"\r\n{method} {serviceRoot}{url} HTTP/1.1\r\n");
        foreach (var (name, value) in headers)
        {
            body.Append($"{name}: {value}\r\n");
        }

        if (json is not null)
        {
            body.Append("Content-Type: application/json\r\n\r\n").Append(json).Append("\r\n");
        }
        else
        {
            body.Append("\r\n");
        }

        return this;
    }

    public HttpRequestMessage Build(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "$batch")
        {
            Content = new StringContent(body + $"--{batchBoundary}--\r\n", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batchBoundary}");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
