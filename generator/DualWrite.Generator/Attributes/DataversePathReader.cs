using System.Collections.Generic;
using DualWrite.Generator.Checks;
using DualWrite.Generator.Common;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Attributes;

/// <summary>
/// Reads the Dataverse side of a <c>[Field]</c> the way the language reads <c>dvpath</c> (DSL.md §3): a column,
/// <c>lookup.column</c> paths, or <c>lookup.Table(key).Table(key)</c> for a polymorphic lookup.
/// </summary>
internal static class DataversePathReader
{
    public static DataversePath? Read(SourceString text, DiagnosticBag diagnostics)
    {
        var segments = new List<Identifier>();
        var targets = new List<PolymorphicTarget>();
        var value = text.Value;
        var position = 0;
        while (true)
        {
            var start = position;
            if (!ReadIdentifier(value, ref position))
            {
                return Fail(text, diagnostics);
            }

            var name = new Identifier(value.Substring(start, position - start), text.RangeOf(start, position - start));
            if (position < value.Length && value[position] == '(')
            {
                var keyStart = ++position;
                if (segments.Count != 1 || !ReadIdentifier(value, ref position) || position >= value.Length || value[position] != ')')
                {
                    return Fail(text, diagnostics);
                }

                var key = new Identifier(value.Substring(keyStart, position - keyStart), text.RangeOf(keyStart, position - keyStart));
                position++;
                targets.Add(new PolymorphicTarget(name, key, text.RangeOf(start, position - start)));
            }
            else if (targets.Count > 0)
            {
                return Fail(text, diagnostics);
            }
            else
            {
                segments.Add(name);
            }

            if (position == value.Length)
            {
                break;
            }

            if (value[position] != '.')
            {
                return Fail(text, diagnostics);
            }

            position++;
        }

        return new DataversePath(segments.ToEquatableArray(), targets.ToEquatableArray(), text.Whole);
    }

    private static bool ReadIdentifier(string value, ref int position)
    {
        var start = position;
        while (position < value.Length && (char.IsLetter(value[position]) || value[position] == '_' || (position > start && char.IsDigit(value[position]))))
        {
            position++;
        }

        return position > start;
    }

    private static DataversePath? Fail(SourceString text, DiagnosticBag diagnostics)
    {
        diagnostics.Add(DiagnosticDescriptors.InvalidMapAttribute, text.Whole,
            $"\"{text.Value}\" is not a Dataverse column or path; write a column (\"name\"), a path through lookups (\"primarycontactid.fullname\") or a polymorphic lookup (\"customerid.Account(accountnumber).Contact(msdyn_contactpersonid)\").");
        return null;
    }
}
