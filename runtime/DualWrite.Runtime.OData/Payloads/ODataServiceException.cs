using System;

namespace DualWrite.Runtime.OData.Payloads;

/// <summary>The service failed a request for a reason that is not the record's (5xx, authentication, throttling past the retries).</summary>
public sealed class ODataServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ODataServiceException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status the service answered.</summary>
    public int StatusCode { get; }
}
