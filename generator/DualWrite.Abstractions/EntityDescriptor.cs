using System;
using System.Collections.Generic;

namespace DualWrite;

/// <summary>A generated entity class: its schema type, entity set and properties.</summary>
public interface IEntityDescriptor
{
    /// <summary>The side the class belongs to.</summary>
    Side Side { get; }

    /// <summary>The CSDL entity type's full name, e.g. <c>Microsoft.Dynamics.CRM.account</c>.</summary>
    string SchemaType { get; }

    /// <summary>The entity set the maps read and write, or null for a class reached only through lookups.</summary>
    string? EntitySet { get; }

    /// <summary>The generated class.</summary>
    Type ClrType { get; }

    /// <summary>The properties the maps use.</summary>
    IReadOnlyList<IEntityProperty> Properties { get; }

    /// <summary>Creates an empty instance.</summary>
    object CreateInstance();
}

/// <summary>A property of a generated entity class.</summary>
public interface IEntityProperty
{
    /// <summary>The schema's name of the property.</summary>
    string Name { get; }

    /// <summary>The EDM type (<c>Edm.String</c>), the enum's full name, or the looked-up entity type for a lookup.</summary>
    string EdmType { get; }

    /// <summary>The CLR type of the value, without <see cref="Nullable{T}"/>.</summary>
    Type ClrType { get; }

    /// <summary>For a lookup, the class of the looked-up row; null for a column.</summary>
    IEntityDescriptor? Reference { get; }

    /// <summary>Reads the property of an instance.</summary>
    object? GetValue(object instance);

    /// <summary>Writes the property of an instance.</summary>
    void SetValue(object instance, object? value);
}

/// <summary>
/// The description of a generated entity class, built by generated code with typed accessors, so a runtime
/// reads and writes properties by name without reflection.
/// </summary>
public sealed class EntityDescriptor<T> : IEntityDescriptor
    where T : class
{
    private readonly Func<T> _create;
    private readonly Dictionary<string, EntityProperty<T>> _byName;

    /// <summary>Creates the descriptor.</summary>
    public EntityDescriptor(Side side, string schemaType, string? entitySet, Func<T> create, IReadOnlyList<EntityProperty<T>> properties)
    {
        Side = side;
        SchemaType = schemaType;
        EntitySet = entitySet;
        _create = create;
        TypedProperties = properties;
        _byName = new Dictionary<string, EntityProperty<T>>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            _byName[property.Name] = property;
        }
    }

    /// <inheritdoc/>
    public Side Side { get; }

    /// <inheritdoc/>
    public string SchemaType { get; }

    /// <inheritdoc/>
    public string? EntitySet { get; }

    /// <inheritdoc/>
    public Type ClrType => typeof(T);

    /// <summary>The properties with typed accessors.</summary>
    public IReadOnlyList<EntityProperty<T>> TypedProperties { get; }

    /// <inheritdoc/>
    public IReadOnlyList<IEntityProperty> Properties => TypedProperties;

    /// <summary>Creates an empty instance.</summary>
    public T Create() => _create();

    /// <inheritdoc/>
    object IEntityDescriptor.CreateInstance() => _create();

    /// <summary>The property of that name, or null.</summary>
    public EntityProperty<T>? Find(string name) => _byName.TryGetValue(name, out var found) ? found : null;
}

/// <summary>
/// A property of <typeparamref name="T"/> with accessors typed by the entity. Its value is an <see cref="object"/>,
/// boxed for value types; generated code creates <see cref="EntityProperty{T, TValue}"/>, which also reads, compares
/// and copies the value as its own type.
/// </summary>
public class EntityProperty<T> : IEntityProperty
    where T : class
{
    private readonly Func<T, object?> _get;
    private readonly Action<T, object?> _set;
    private readonly Func<IEntityDescriptor>? _reference;

    /// <summary>
    /// Creates the property. <paramref name="reference"/> returns the looked-up class's descriptor; it is a
    /// function because tables may look each other up, so descriptors cannot all exist before each other.
    /// </summary>
    public EntityProperty(string name, string edmType, Type clrType, Func<T, object?> get, Action<T, object?> set, Func<IEntityDescriptor>? reference = null)
    {
        Name = name;
        EdmType = edmType;
        ClrType = clrType;
        _get = get;
        _set = set;
        _reference = reference;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string EdmType { get; }

    /// <inheritdoc/>
    public Type ClrType { get; }

    /// <inheritdoc/>
    public IEntityDescriptor? Reference => _reference?.Invoke();

    /// <summary>Reads the property.</summary>
    public object? Get(T instance) => _get(instance);

    /// <summary>Writes the property.</summary>
    public void Set(T instance, object? value) => _set(instance, value);

    /// <summary>
    /// Reads the property as <typeparamref name="TValue"/> (its declared type, e.g. <c>decimal?</c>): without boxing
    /// when the property is an <see cref="EntityProperty{T, TValue}"/> of that type.
    /// </summary>
    /// <exception cref="InvalidCastException">The value is not a <typeparamref name="TValue"/>.</exception>
    public TValue Get<TValue>(T instance) => this is EntityProperty<T, TValue> typed ? typed.Read(instance) : (TValue)_get(instance)!;

    /// <summary>Writes the property as <typeparamref name="TValue"/>, without boxing when the property is of that type.</summary>
    /// <exception cref="InvalidCastException">The property's type is not <typeparamref name="TValue"/>'s.</exception>
    public void Set<TValue>(T instance, TValue value)
    {
        if (this is EntityProperty<T, TValue> typed)
        {
            typed.Write(instance, value);
        }
        else
        {
            _set(instance, value);
        }
    }

    /// <summary>Whether two instances hold equal values of the property (text compared ordinally).</summary>
    public virtual bool ValuesEqual(T left, T right) => Equals(_get(left), _get(right));

    /// <summary>Copies the property's value from one instance to another, the reference itself for a lookup.</summary>
    public virtual void CopyValue(T source, T target) => _set(target, _get(source));

    /// <inheritdoc/>
    object? IEntityProperty.GetValue(object instance) => _get((T)instance);

    /// <inheritdoc/>
    void IEntityProperty.SetValue(object instance, object? value) => _set((T)instance, value);
}

/// <summary>
/// A property of <typeparamref name="T"/> whose value is a <typeparamref name="TValue"/>: reading, comparing and
/// copying it through <see cref="Read"/>, <see cref="ValuesEqual"/> and <see cref="CopyValue"/> allocates nothing,
/// where the <see cref="object"/> accessors box a value type.
/// </summary>
public sealed class EntityProperty<T, TValue> : EntityProperty<T>
    where T : class
{
    private readonly Func<T, TValue> _read;
    private readonly Action<T, TValue> _write;

    /// <summary>Creates the property; <see cref="IEntityProperty.ClrType"/> is <typeparamref name="TValue"/> without <see cref="Nullable{T}"/>.</summary>
    public EntityProperty(string name, string edmType, Func<T, TValue> read, Action<T, TValue> write, Func<IEntityDescriptor>? reference = null)
        : base(name, edmType, Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue), e => read(e), (e, v) => write(e, (TValue)v!), reference)
    {
        _read = read;
        _write = write;
    }

    /// <summary>Reads the property.</summary>
    public TValue Read(T instance) => _read(instance);

    /// <summary>Writes the property.</summary>
    public void Write(T instance, TValue value) => _write(instance, value);

    /// <inheritdoc/>
    public override bool ValuesEqual(T left, T right) => EqualityComparer<TValue>.Default.Equals(_read(left), _read(right));

    /// <inheritdoc/>
    public override void CopyValue(T source, T target) => _write(target, _read(source));
}
