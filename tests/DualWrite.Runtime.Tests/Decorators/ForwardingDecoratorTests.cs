using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Contoso.Integration;
using DualWrite.Runtime.Environments;
using DualWrite.Runtime.Environments.Embedded;
using DualWrite.Runtime.Environments.Schema;

namespace DualWrite.Runtime.Tests.Decorators;

/// <summary>
/// Every decorator of an environment in the product, the bench and these tests hands the engine the inner environment's
/// abilities and paths: a decorator that forgot one would make the engine take a slower path than production takes.
/// </summary>
public sealed class ForwardingDecoratorTests
{
    private static readonly string[] Assemblies = ["DualWrite.Runtime", "DualWrite.Runtime.Tests", "DualWrite.Benchmarks"];

    public static TheoryData<string> Decorators()
    {
        var data = new TheoryData<string>();
        foreach (var type in DecoratorTypes())
        {
            data.Add(type.FullName!);
        }

        return data;
    }

    [Fact]
    public void The_product_the_bench_and_the_tests_have_decorators_to_check()
    {
        var names = DecoratorTypes().Select(t => t.Name).ToList();
        Assert.Contains("TimedEnvironment", names);
        Assert.Contains("CrashingEnvironment", names);
        Assert.Contains("FlakyEnvironment", names);
        Assert.Contains("MeasuredEnvironment", names);
    }

    [Theory]
    [MemberData(nameof(Decorators))]
    public async Task A_decorator_forwards_every_ability_and_path_to_its_inner_environment(string decoratorType)
    {
        var type = DecoratorTypes().Single(t => t.FullName == decoratorType);
        var schema = EnvironmentSchema.ReadFile(Side.Dataverse, System.IO.Path.Combine(AppContext.BaseDirectory, "schemas", "dataverse.metadata.xml"));
        var all = Enum.GetValues<EnvironmentCapabilities>().Aggregate((x, y) => x | y);
        foreach (var capabilities in new[] { all, EnvironmentCapabilities.None, EnvironmentCapabilities.BatchFinds | EnvironmentCapabilities.ReadsByOrigin })
        {
            var inner = new RecordingEnvironment(schema, capabilities);
            using var decorator = Create(type, inner);
            Assert.Equal(capabilities, decorator.Capabilities);

            var none = CancellationToken.None;
            var descriptor = CustomerGroupsMap.Definition.Dataverse;
            var paths = CustomerGroupsMap.Definition.DataverseKeyPaths;
            var key = new object?[] { "USMF", "10" };
            var change = new ChangeRecord(1, Side.Dataverse, descriptor.EntitySet!, ChangeOperation.Insert, "[]", "{}", null, DateTimeOffset.UnixEpoch);
            await decorator.GetHeadAsync(none);
            await decorator.ReadChangesAsync(descriptor.EntitySet!, 0, 1, ChangeOrigins.Ordinary, 10, none);
            await decorator.PreviousChangeAsync(descriptor.EntitySet!, "[]", 1, none);
            await decorator.CountChangesAsync(descriptor.EntitySet!, 0, 1, none);
            await decorator.CountRowsAsync(descriptor.EntitySet!, none);
            await decorator.EnsureCompaniesAsync(new[] { "USMF" }, none);
            decorator.DeclareReadProperties(descriptor.EntitySet!, new[] { "msdyn_description" });
            await foreach (var unused in decorator.ReadInKeyOrderAsync(descriptor, paths, null, none))
            {
            }

            using (var transaction = await decorator.BeginTransactionAsync("dualwrite:test", none))
            {
                await transaction.MaterializeAsync(descriptor, change, none);
                await transaction.FindAsync(descriptor, paths, key, none);
                await transaction.FindManyAsync(descriptor, paths, new[] { key }, none);
                await transaction.QueryAsync(descriptor, none);
                await transaction.InsertAsync(descriptor, descriptor.Create(), none);
                await transaction.TryInsertAsync(descriptor, paths, key, descriptor.Create(), none);
                await transaction.UpdateAsync(descriptor, paths, key, descriptor.Create(), new[] { "msdyn_description" }, none);
                await transaction.DeleteAsync(descriptor, paths, key, none);
                transaction.SetOrigin("dualwrite:other");
                await transaction.CommitAsync(none);
            }

            using (var transaction = await decorator.BeginTransactionAsync("dualwrite:test", none))
            {
                await transaction.CommitRecordsAsync(none);
            }

            Assert.Equal(
                new[]
                {
                    "GetHeadAsync", "ReadChangesAsync:Ordinary:10", "PreviousChangeAsync", "CountChangesAsync", "CountRowsAsync", "EnsureCompaniesAsync", "DeclareReadProperties", "ReadInKeyOrderAsync",
                    "BeginTransactionAsync", "MaterializeAsync", "FindAsync", "FindManyAsync", "QueryAsync", "InsertAsync", "TryInsertAsync", "UpdateAsync", "DeleteAsync",
                    "SetOrigin", "CommitAsync", "Transaction.Dispose", "BeginTransactionAsync", "CommitRecordsAsync", "Transaction.Dispose",
                },
                inner.Calls);
        }
    }

    /// <summary>The classes that wrap an environment: constructed with one as their first argument.</summary>
    private static IEnumerable<Type> DecoratorTypes() =>
        Assemblies.Select(Assembly.Load)
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type is { IsAbstract: false, IsClass: true } && typeof(IDualWriteEnvironment).IsAssignableFrom(type) && type != typeof(RecordingEnvironment) && type != typeof(EmbeddedEnvironment))
            .Where(type => Constructor(type) is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    private static ConstructorInfo? Constructor(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .FirstOrDefault(c => c.GetParameters() is [var first, ..] && first.ParameterType == typeof(IDualWriteEnvironment));

    /// <summary>
    /// The decorator around <paramref name="inner"/>, its other arguments at their defaults (no crash): zero, a new instance
    /// of a class that has a parameterless constructor (a profiler's clock), or null.
    /// </summary>
    private static IDualWriteEnvironment Create(Type type, IDualWriteEnvironment inner)
    {
        var constructor = Constructor(type)!;
        var arguments = constructor.GetParameters().Select((p, i) => i == 0 ? inner : Default(p.ParameterType)).ToArray();
        return (IDualWriteEnvironment)constructor.Invoke(arguments);
    }

    // A decorator's other arguments: a value, a new instance, or for a delegate (what to refuse, when to fail) one that
    // returns its type's default, so the decorator forwards as it does when nothing applies.
    private static object? Default(Type type)
    {
        if (typeof(Delegate).IsAssignableFrom(type))
        {
            var invoke = type.GetMethod("Invoke")!;
            var parameters = invoke.GetParameters().Select(p => System.Linq.Expressions.Expression.Parameter(p.ParameterType)).ToArray();
            return System.Linq.Expressions.Expression.Lambda(type, System.Linq.Expressions.Expression.Default(invoke.ReturnType), parameters).Compile();
        }

        return type.IsValueType || type.GetConstructor(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes) is not null
            ? Activator.CreateInstance(type, nonPublic: true)
            : null;
    }
}
