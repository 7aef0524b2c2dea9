using System;

namespace DualWrite.LocalOData.Protocol;

/// <summary>A request the service refuses: the status, error code and message it answers with, as an OData error payload.</summary>
public sealed class ODataServiceException : Exception
{
    /// <summary>Creates the error.</summary>
    public ODataServiceException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The error code in the payload (Dataverse's are hexadecimal, e.g. <c>0x80040217</c>).</summary>
    public string Code { get; }

    /// <summary>400 Bad Request.</summary>
    public static ODataServiceException BadRequest(string message, string code = "0x80060888") => new(400, code, message);

    /// <summary>404 Not Found.</summary>
    public static ODataServiceException NotFound(string message, string code = "0x80040217") => new(404, code, message);

    /// <summary>412 Precondition Failed.</summary>
    public static ODataServiceException PreconditionFailed(string message, string code) => new(412, code, message);
}
