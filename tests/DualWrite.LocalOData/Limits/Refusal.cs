using System;

namespace DualWrite.LocalOData.Limits;

/// <summary>Why a request is refused with 429: the service's error code and message, and the wait it asks for in <c>Retry-After</c>.</summary>
internal sealed record Refusal(string Code, string Message, TimeSpan RetryAfter);
