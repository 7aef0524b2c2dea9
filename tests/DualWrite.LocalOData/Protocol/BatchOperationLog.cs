namespace DualWrite.LocalOData.Protocol;

/// <summary>One operation of a <c>$batch</c>, for the request log.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The path and query.</param>
/// <param name="Status">The status it answered with.</param>
public sealed record BatchOperationLog(string Method, string Url, int Status);
