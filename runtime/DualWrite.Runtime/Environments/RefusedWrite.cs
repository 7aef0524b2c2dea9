using System;

namespace DualWrite.Runtime.Environments;

/// <summary>A write the environment refused on its own at commit, while the transaction's other writes were kept.</summary>
public sealed class RefusedWrite
{
    /// <summary>Creates the refusal.</summary>
    public RefusedWrite(string origin, string reason)
    {
        Origin = origin ?? throw new ArgumentNullException(nameof(origin));
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
    }

    /// <summary>The origin the write was tagged with (<see cref="IEnvironmentTransaction.SetOrigin"/>): the change it carried.</summary>
    public string Origin { get; }

    /// <summary>Why the environment refused it.</summary>
    public string Reason { get; }
}
