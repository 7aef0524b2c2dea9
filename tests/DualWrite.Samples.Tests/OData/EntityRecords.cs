using System;
using System.Collections.Generic;
using System.Reflection;

namespace DualWrite.Samples.Tests.OData;

/// <summary>
/// Turns a generated entity object (<c>Fo.CustomerV3</c>, <c>Dataverse.Account</c>…) into the dictionary a
/// metadata-driven runtime holds an OData payload in: property name (schema spelling) to value, as the JSON would
/// carry it. Enums become their member name (<c>"PartyType": "Organization"</c>), or the number as text (<c>"42"</c>) for
/// a value that is no member; nulls stay null (the key is present). Lookups (properties holding another generated entity) are left
/// out: in a payload they are <c>_x_value</c> GUIDs, and no sample filter reads them.
/// </summary>
internal static class EntityRecords
{
    public static Dictionary<string, object?> ToRecord(object entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var record = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!type.IsValueType && type != typeof(string))
            {
                continue;
            }

            var value = property.GetValue(entity);
            record[property.Name] = value is Enum e ? e.ToString() : value;
        }

        return record;
    }
}
