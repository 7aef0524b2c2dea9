extern alias Abstractions;

using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>
/// The generated code of a run, compiled and loaded, so that a test can call a map's transforms and filters on entities
/// it builds instead of reading the generated text.
/// </summary>
public sealed class GeneratedCode
{
    private readonly Assembly _assembly;

    private GeneratedCode(Assembly assembly) => _assembly = assembly;

    public static GeneratedCode Load(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var result = run.Output.Emit(stream);
        Assert.True(result.Success, "The generated code does not compile:\n" + string.Join("\n", result.Diagnostics));
        return new GeneratedCode(Assembly.Load(stream.ToArray()));
    }

    /// <summary>An entity of the generated class <paramref name="typeName"/>, with the given properties set (a dotted path creates the lookups on its way).</summary>
    public object New(string typeName, params (string Path, object? Value)[] values)
    {
        var entity = Activator.CreateInstance(Type(typeName))!;
        foreach (var (path, value) in values)
        {
            Set(entity, path, value);
        }

        return entity;
    }

    /// <summary>The value at a dotted property path; null where a lookup on the way is null.</summary>
    public static object? Get(object entity, string path)
    {
        object? current = entity;
        foreach (var name in path.Split('.'))
        {
            if (current is null)
            {
                return null;
            }

            current = Property(current.GetType(), name).GetValue(current);
        }

        return current;
    }

    /// <summary>The map class's <c>Definition</c>, as a runtime reads it.</summary>
    public Abstractions::DualWrite.IDualWriteMap Definition(string mapClass) =>
        (Abstractions::DualWrite.IDualWriteMap)Type(mapClass).GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>Calls <paramref name="method"/> (ToDataverse, ToFo, MatchesFoFilter, ...) on the map class's <c>Definition</c>.</summary>
    public object? Call(string mapClass, string method, params object[] arguments)
    {
        var definition = Type(mapClass).GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var target = definition.GetType().GetInterfaces()
            .Select(i => i.GetMethod(method))
            .FirstOrDefault(m => m is not null)
            ?? throw new ArgumentException($"{mapClass}.Definition has no method {method}.");
        return target.Invoke(definition, arguments);
    }

    /// <summary>The public static methods of the generated class <paramref name="typeName"/> (a value map's ToDataverse and ToFo), by name.</summary>
    public MethodInfo? StaticMethod(string typeName, string method) => Type(typeName).GetMethod(method, BindingFlags.Public | BindingFlags.Static);

    private Type Type(string name) => _assembly.GetType(name) ?? throw new ArgumentException($"The generated code has no type {name}.");

    private static void Set(object entity, string path, object? value)
    {
        var names = path.Split('.');
        var current = entity;
        foreach (var name in names.Take(names.Length - 1))
        {
            var lookup = Property(current.GetType(), name);
            var next = lookup.GetValue(current);
            if (next is null)
            {
                next = Activator.CreateInstance(lookup.PropertyType)!;
                lookup.SetValue(current, next);
            }

            current = next;
        }

        var property = Property(current.GetType(), names[^1]);
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(current, value is null || type.IsInstanceOfType(value) ? value : Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static PropertyInfo Property(Type type, string name) =>
        type.GetProperty(name) ?? throw new ArgumentException($"{type.Name} has no property {name}.");
}
