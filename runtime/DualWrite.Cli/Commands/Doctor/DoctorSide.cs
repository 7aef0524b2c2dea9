using System;
using System.Collections.Generic;
using System.CommandLine;

namespace DualWrite.Cli.Commands.Doctor;

/// <summary>The options that name one environment to <c>dualwrite doctor</c>: its service root, compiled schema and token.</summary>
internal sealed class DoctorSide
{
    private readonly Option<string?> _url;
    private readonly Option<string?> _schema;
    private readonly Option<string?> _tokenEnv;

    public DoctorSide(Side side, string prefix, string example)
    {
        Side = side;
        Prefix = prefix;
        _url = new Option<string?>($"--{prefix}-url") { Description = $"The {side} OData service root, e.g. {example}" };
        _schema = new Option<string?>($"--{prefix}-schema") { Description = $"The {side} $metadata file the maps were compiled with (the maps project's schema statement)." };
        _tokenEnv = new Option<string?>($"--{prefix}-token-env") { Description = $"The environment variable holding a bearer token for {side}." };
    }

    public Side Side { get; }

    public string Prefix { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(_url);
        command.Options.Add(_schema);
        command.Options.Add(_tokenEnv);
    }

    /// <summary>The <c>--fo-modified-field</c> values as a map from entity set to field, or null when one is not <c>EntitySet=Field</c>.</summary>
    public static IReadOnlyDictionary<string, string>? ModifiedFields(string[]? values)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values ?? Array.Empty<string>())
        {
            var parts = value.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return null;
            }

            fields[parts[0]] = parts[1];
        }

        return fields;
    }

    /// <summary>The environment as given, or null when its URL is not.</summary>
    public (Uri Url, string? SchemaPath, string? TokenEnv)? Read(ParseResult parseResult) =>
        parseResult.GetValue(_url) is { } url
            ? (new Uri(url, UriKind.Absolute), parseResult.GetValue(_schema), parseResult.GetValue(_tokenEnv))
            : null;
}
