using System.Linq;
using System.Text;
using DualWrite.Generator.Common;
using DualWrite.Generator.Model;

namespace DualWrite.Generator.Emit;

/// <summary>Reading and writing a <see cref="ValuePath"/> on an entity instance.</summary>
internal static class PathExpressions
{
    /// <summary>
    /// The value at the path: <c>e.a?.b?.c</c> through lookups; for a polymorphic lookup, whichever target is
    /// set (<c>e.x_account?.accountnumber ?? e.x_contact?.msdyn_contactpersonid</c>).
    /// </summary>
    public static string Read(string instance, ValuePath path)
    {
        if (path.IsPolymorphic)
        {
            return string.Join(" ?? ", path.PolymorphicTargets.Select(t => $"{instance}.{CSharp.Identifier(t.NavigationProperty)}?.{CSharp.Identifier(t.KeyColumn)}"));
        }

        var builder = new StringBuilder(instance);
        for (var i = 0; i < path.Segments.Count; i++)
        {
            builder.Append(i == 0 ? "." : "?.").Append(CSharp.Identifier(path.Segments[i].MemberName));
        }

        return builder.ToString();
    }

    /// <summary>
    /// Statements that set the path to <paramref name="value"/>, creating the looked-up row references on the
    /// way. A polymorphic lookup gets the value on every candidate table: the writer binds the first table that
    /// has a row with it (DSL.md §4).
    /// </summary>
    public static void WriteAssignment(SourceWriter writer, string instance, ValuePath path, string value, string dataverseNamespace)
    {
        if (path.IsPolymorphic)
        {
            if (path.PolymorphicTargets.Count == 1)
            {
                var only = path.PolymorphicTargets[0];
                writer.WriteLine($"({instance}.{CSharp.Identifier(only.NavigationProperty)} ??= new global::{dataverseNamespace}.{only.ReferenceClass}()).{CSharp.Identifier(only.KeyColumn)} = {value};");
                return;
            }

            writer.OpenBlock();
            writer.WriteLine($"var value = {value};");
            foreach (var target in path.PolymorphicTargets)
            {
                writer.WriteLine($"({instance}.{CSharp.Identifier(target.NavigationProperty)} ??= new global::{dataverseNamespace}.{target.ReferenceClass}()).{CSharp.Identifier(target.KeyColumn)} = value;");
            }

            writer.CloseBlock();
            return;
        }

        var receiver = instance;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var segment = path.Segments[i];
            var created = segment.ReferenceType ?? "global::" + dataverseNamespace + "." + segment.ReferenceClass;
            receiver = $"({receiver}.{CSharp.Identifier(segment.MemberName)} ??= new {created}())";
        }

        writer.WriteLine($"{receiver}.{CSharp.Identifier(path.Segments[path.Segments.Count - 1].MemberName)} = {value};");
    }
}
