using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DualWrite.Runtime.OData.Reads;

/// <summary>
/// The body of a <c>$batch</c> request of GET operations and no changeset (OData 4.0 Part 1, 11.7.7 "Multipart Batch
/// Format": each operation an <c>application/http</c> part of its request line and headers). Written straight into one
/// array of the body's exact size: ODataLib's batch writer went through a text writer and a growing stream, which cost
/// the read-ahead as much as reading the answers. ODataLib reads what this writes (tested); it still reads the answers.
/// </summary>
internal static class GetBatchBody
{
    private const string PartHeaders = "\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET ";
    private const string Accept = " HTTP/1.1\r\nAccept: application/json;odata.metadata=minimal\r\nPrefer: odata.maxpagesize=";

    /// <summary>The body asking for <paramref name="urls"/> (absolute and escaped), each answer paged at <paramref name="pageSize"/> rows.</summary>
    public static byte[] Write(string boundary, IReadOnlyList<string> urls, int pageSize)
    {
        var pages = pageSize.ToString(CultureInfo.InvariantCulture);
        var length = 0;
        foreach (var url in urls)
        {
            length += PartLength(boundary, pages) + Encoding.UTF8.GetByteCount(url);
        }

        length += 2 + boundary.Length + 4;
        var body = new byte[length];
        var at = 0;
        foreach (var url in urls)
        {
            at += Ascii(body, at, "--");
            at += Ascii(body, at, boundary);
            at += Ascii(body, at, PartHeaders);
            at += Encoding.UTF8.GetBytes(url, body.AsSpan(at));
            at += Ascii(body, at, Accept);
            at += Ascii(body, at, pages);
            at += Ascii(body, at, "\r\n\r\n\r\n");
        }

        at += Ascii(body, at, "--");
        at += Ascii(body, at, boundary);
        at += Ascii(body, at, "--\r\n");
        return at == length ? body : throw new InvalidOperationException($"A batch body of {length} bytes was written as {at}.");
    }

    // Every byte of a part but its URL: "--boundary\r\n", the headers, the request line's ends, a blank line and the CRLF
    // that belongs to the next delimiter.
    private static int PartLength(string boundary, string pages) => 2 + boundary.Length + PartHeaders.Length + Accept.Length + pages.Length + 6;

    private static int Ascii(byte[] body, int at, string text) => Encoding.ASCII.GetBytes(text, body.AsSpan(at));
}
