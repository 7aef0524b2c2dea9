using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Preflight;

/// <summary>
/// An environment whose live schema can differ from the one it was opened with (<see cref="Environments.IDualWriteEnvironment.Schema"/>,
/// the schema the maps were compiled with): a remote service. Embedded databases are laid out from their schema and never drift.
/// </summary>
public interface ILiveSchemaSource
{
    /// <summary>
    /// Reads the environment's schema as it is now. Throws <see cref="Environments.EnvironmentUnavailableException"/>, with
    /// the reason and never a secret, when the environment cannot be reached or refuses the credentials.
    /// </summary>
    Task<EnvironmentSchema> ReadLiveSchemaAsync(CancellationToken cancellationToken);

    /// <summary>The environment's checks beyond its schema, or null when it has none.</summary>
    IEnvironmentPreflight? Preflight { get; }
}
