// Synchronous test bodies drive the asynchronous runtime through these. The product never blocks on a task (a test scans
// its sources for that); tests may, since each call completes before the next line reads its effects. The extensions
// live in the runtime's root namespace, which every test namespace under it sees.
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DualWrite.Runtime.Engine;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.InitialSync;

namespace DualWrite.Runtime
{
    internal static class BlockingRuntimeCalls
    {
        public static Link.EnvironmentLink Link(this DualWriteRuntime runtime, IEnumerable<string> companies) => BlockingRuntimeCalls.Wait(runtime.LinkAsync(companies));

        public static Link.EnvironmentLink LinkIfUnlinked(this DualWriteRuntime runtime, IEnumerable<string> companies) => BlockingRuntimeCalls.Wait(runtime.LinkIfUnlinkedAsync(companies));

        public static void Unlink(this DualWriteRuntime runtime) => BlockingRuntimeCalls.Wait(runtime.UnlinkAsync());

        public static Link.RelinkResult Relink(this DualWriteRuntime runtime, IEnumerable<string>? companies = null, bool dropStaged = false) => BlockingRuntimeCalls.Wait(runtime.RelinkAsync(companies, dropStaged));

        public static SyncResult SyncOnce(this DualWriteRuntime runtime) => BlockingRuntimeCalls.Wait(runtime.SyncOnceAsync());

        public static void Save<T>(this DualWriteRuntime runtime, T entity)
            where T : class => BlockingRuntimeCalls.Wait(runtime.SaveAsync(entity));

        public static bool Delete<T>(this DualWriteRuntime runtime, T entity)
            where T : class => BlockingRuntimeCalls.Wait(runtime.DeleteAsync(entity));

        public static bool Retry(this DualWriteRuntime runtime, long errorId) => BlockingRuntimeCalls.Wait(runtime.RetryAsync(errorId));

        public static int Retry(this DualWriteRuntime runtime, State.ErrorFilter filter) => BlockingRuntimeCalls.Wait(runtime.RetryAsync(filter));

        public static bool Discard(this DualWriteRuntime runtime, long errorId) => BlockingRuntimeCalls.Wait(runtime.DiscardAsync(errorId));

        public static int Discard(this DualWriteRuntime runtime, State.ErrorFilter filter) => BlockingRuntimeCalls.Wait(runtime.DiscardAsync(filter));

        public static bool RetryFromSource(this DualWriteRuntime runtime, long errorId) => BlockingRuntimeCalls.Wait(runtime.RetryFromSourceAsync(errorId));

        public static int RetryFromSource(this DualWriteRuntime runtime, State.ErrorFilter filter) => BlockingRuntimeCalls.Wait(runtime.RetryFromSourceAsync(filter));

        public static void Pause(this DualWriteRuntime runtime, string map) => BlockingRuntimeCalls.Wait(runtime.PauseAsync(map));

        public static void Resume(this DualWriteRuntime runtime, string map) => BlockingRuntimeCalls.Wait(runtime.ResumeAsync(map));

        public static long Resume(this DualWriteRuntime runtime, string map, ResumeMode mode) => BlockingRuntimeCalls.Wait(runtime.ResumeAsync(map, mode));

        public static void Stop(this DualWriteRuntime runtime, string map) => BlockingRuntimeCalls.Wait(runtime.StopAsync(map));

        internal static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        internal static T Wait<T>(ValueTask<T> task) => task.AsTask().GetAwaiter().GetResult();

        internal static void Wait(Task task) => task.GetAwaiter().GetResult();

        internal static void Wait(ValueTask task) => task.AsTask().GetAwaiter().GetResult();
    }

    internal static class BlockingInitialSyncCalls
    {
        public static InitialSyncResult Run(this InitialSyncRunner runner, InitialSyncPlan plan, InitialSyncOptions options, CancellationToken cancellationToken = default) =>
            BlockingRuntimeCalls.Wait(runner.RunAsync(plan, options, cancellationToken));

        public static InitialSyncResult DryRun(this InitialSyncRunner runner, InitialSyncPlan plan, InitialSyncOptions options, CancellationToken cancellationToken = default) =>
            BlockingRuntimeCalls.Wait(runner.DryRunAsync(plan, options, cancellationToken));

        public static InitialSyncResult Resume(this InitialSyncRunner runner, string runId, InitialSyncOptions? options = null, CancellationToken cancellationToken = default) =>
            BlockingRuntimeCalls.Wait(runner.ResumeAsync(runId, options, cancellationToken));

        public static InitialSyncResult Rerun(this InitialSyncRunner runner, string runId, bool skipErrors = false, InitialSyncOptions? options = null, CancellationToken cancellationToken = default) =>
            BlockingRuntimeCalls.Wait(runner.RerunAsync(runId, skipErrors, options, cancellationToken));
    }

    internal static class BlockingEnvironmentCalls
    {
        public static long GetHead(this IDualWriteEnvironment environment) => BlockingRuntimeCalls.Wait(environment.GetHeadAsync(CancellationToken.None));

        public static IReadOnlyList<ChangeRecord> ReadChanges(this IDualWriteEnvironment environment, string entitySet, long afterSequence, long throughSequence) =>
            BlockingRuntimeCalls.Wait(environment.ReadChangesAsync(entitySet, afterSequence, throughSequence, ChangeOrigins.All, int.MaxValue, CancellationToken.None));

        public static ChangeCount CountChanges(this IDualWriteEnvironment environment, string entitySet, long afterSequence, long throughSequence) =>
            BlockingRuntimeCalls.Wait(environment.CountChangesAsync(entitySet, afterSequence, throughSequence, CancellationToken.None));

        public static ChangeRecord? PreviousChange(this IDualWriteEnvironment environment, string entitySet, string rowKey, long beforeSequence) =>
            BlockingRuntimeCalls.Wait(environment.PreviousChangeAsync(entitySet, rowKey, beforeSequence, CancellationToken.None));

        public static IEnvironmentTransaction BeginTransaction(this IDualWriteEnvironment environment, string? origin) => BlockingRuntimeCalls.Wait(environment.BeginTransactionAsync(origin, CancellationToken.None));

        public static IReadOnlyList<KeyedRow<T>> ReadInKeyOrder<T>(this IDualWriteEnvironment environment, EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<string>? after)
            where T : class => BlockingRuntimeCalls.Wait(environment.ReadInKeyOrderAsync(descriptor, keyPaths, after, CancellationToken.None).ToListAsync().AsTask()).ToList();

        public static long CountRows(this IDualWriteEnvironment environment, string entitySet) => BlockingRuntimeCalls.Wait(environment.CountRowsAsync(entitySet, CancellationToken.None));

        public static void EnsureCompanies(this IDualWriteEnvironment environment, IReadOnlyCollection<string> companyCodes) => BlockingRuntimeCalls.Wait(environment.EnsureCompaniesAsync(companyCodes, CancellationToken.None));

        public static T Materialize<T>(this IEnvironmentTransaction transaction, EntityDescriptor<T> descriptor, ChangeRecord change)
            where T : class => BlockingRuntimeCalls.Wait(transaction.MaterializeAsync(descriptor, change, CancellationToken.None));

        public static T? Find<T>(this IEnvironmentTransaction transaction, EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
            where T : class => BlockingRuntimeCalls.Wait(transaction.FindAsync(descriptor, keyPaths, keyValues, CancellationToken.None));

        public static IReadOnlyList<T> Query<T>(this IEnvironmentTransaction transaction, EntityDescriptor<T> descriptor)
            where T : class => BlockingRuntimeCalls.Wait(transaction.QueryAsync(descriptor, CancellationToken.None));

        public static void Insert<T>(this IEnvironmentTransaction transaction, EntityDescriptor<T> descriptor, T entity)
            where T : class => BlockingRuntimeCalls.Wait(transaction.InsertAsync(descriptor, entity, CancellationToken.None));

        public static void Update<T>(this IEnvironmentTransaction transaction, EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues, T entity, IReadOnlyCollection<string> properties)
            where T : class => BlockingRuntimeCalls.Wait(transaction.UpdateAsync(descriptor, keyPaths, keyValues, entity, properties, CancellationToken.None));

        public static bool Delete<T>(this IEnvironmentTransaction transaction, EntityDescriptor<T> descriptor, IReadOnlyList<KeyPath> keyPaths, IReadOnlyList<object?> keyValues)
            where T : class => BlockingRuntimeCalls.Wait(transaction.DeleteAsync(descriptor, keyPaths, keyValues, CancellationToken.None));

        public static void Commit(this IEnvironmentTransaction transaction) => BlockingRuntimeCalls.Wait(transaction.CommitAsync(CancellationToken.None));
    }
}
