using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using DualWrite.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace DualWrite.Generator.Tests.Generator;

/// <summary>
/// Whole-pipeline randomized test of the generator's contract: whatever the .dwmap input, the generator never
/// throws, every DW diagnostic points inside its file, and when it reports no error the generated code compiles.
/// Each case mutates one sample .dwmap file (mostly token-level edits that keep it parseable, so binding and
/// emit are reached) and runs the generator over the whole sample project. Cases are seeded by their index,
/// so a failure names a case that reproduces alone (<see cref="Case"/>).
/// </summary>
public sealed class GeneratorRobustnessTests
{
    // Fixed, so the test is deterministic; set DUALWRITE_FUZZ_SEED / DUALWRITE_FUZZ_CASES to explore further.
    // 10,000 cases cost about 2 minutes of CPU (docs/performance-generator.md "Fuzz test"): a minute on two free cores.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("DUALWRITE_FUZZ_SEED"), out var seed) ? seed : 20_240_611;
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("DUALWRITE_FUZZ_CASES"), out var cases) ? cases : 10_000;

    // A case that takes longer has hung (a normal one takes milliseconds).
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(60);

    private static readonly Lazy<Project> Sample = new(Project.Load);

    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Compiled = new();

    private static int _compiled;

    private static readonly string[] Fragments =
    {
        "{", "}", "(", ")", "<->", "->", "<-", ".", "::", ",", "\"", "`", "\n", " ", "none", "default", "via", "key", "after",
        "filter fo", "filter dataverse", "1", "-2", "3.5", "true", "\"x\"", "é", "\0",
    };

    private static readonly string[] Literals = { "\"\"", "\"text\"", "0", "1", "-7", "3.5", "99999999999999999999", "true", "false", "NoYes::Yes", "CustVendorBlocked::All", "EcoResProductType::Item", "Foo::Bar" };

    // C# keywords, contextual keywords and the names of generated members, as names of declarations.
    private static readonly string[] TroubleNames = { "fixed", "lock", "scoped", "file", "required", "record", "var", "FoKey", "ToDataverse", "ToFo", "Field", "Definition", "Name" };

    private static readonly string[] LineSeparators = { "\u2028", "\u2029", "\u0085", "\r" };

    private static readonly string[] FoOperators = { "==", "!=", "<", ">", "<=", ">=", "&&", "||", "=" };

    private static readonly string[] DataverseOperators = { "eq", "ne", "lt", "gt", "le", "ge", "and", "or", "like" };

    /// <summary>The mutation kinds, each a few edits of one kind that keep the file mostly parseable.</summary>
    public enum Kind
    {
        SwapIdentifiers,
        ReplaceWithSchemaName,
        Misspell,
        FlipDirection,
        DropLine,
        DuplicateLine,
        ChangeLiteral,
        InsertNone,
        FlipCompany,
        RemoveKey,
        RemoveSchema,
        DuplicateDeclarationName,
        AddAfterCycle,
        ChangeFilter,
        AddVia,
        AddDefault,
        Characters,
        KeywordOrMemberName,
        LongName,
        LineSeparator,
        DeepFilter,
        NumberSpelling,
    }

    // Figures the test prints (it asserts none): the CPU time spent generating and compiling, summed over threads.
    private static long _generateTicks;

    private static long _compileTicks;

    private static long _caseTicks;

    private readonly ITestOutputHelper _output;

    public GeneratorRobustnessTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Mutated_sample_projects_never_crash_the_generator_and_compile_when_error_free()
    {
        _ = Sample.Value; // loading and JIT-compiling Roslyn is not a case's cost
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var failures = RunOnEveryCore(Cases, Case);

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        _output.WriteLine($"{Cases} cases (seed {Seed}) on {Environment.ProcessorCount} threads: {clock.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU ({cpu.TotalMilliseconds / Cases:F1} ms per case); " +
            $"of it cases {TimeSpan.FromTicks(_caseTicks).TotalSeconds:F1} s, generator {TimeSpan.FromTicks(_generateTicks).TotalSeconds:F1} s, compile {TimeSpan.FromTicks(_compileTicks).TotalSeconds:F1} s (thread CPU time); {_compiled} error-free, {Compiled.Count} distinct outputs compiled");

        Assert.True(failures.Count == 0,
            $"{failures.Count} of {Cases} mutated projects break the contract (seed {Seed}; rerun with DUALWRITE_FUZZ_SEED={Seed} DUALWRITE_FUZZ_CASES={Cases}):\n\n" +
            string.Join("\n\n", failures.Take(8).Select(f => f.Report)));

        // The mutations are meant to reach binding and emit, not to stop at the parser: a good share of them must
        // leave the project free of errors, so that the output is compiled.
        Assert.True(_compiled >= Cases / 5, $"only {_compiled} of {Cases} mutated projects were free of errors and compiled");
    }

    /// <summary>
    /// Runs cases 0 to <paramref name="count"/> - 1 on one thread per core, each thread taking the next index, and
    /// returns the failures by index. A case still running after <see cref="HangAfter"/> is reported as hung and
    /// the run stops there (its thread is a background one, left behind). Threads of their own rather than tasks
    /// that block on one another, so that exactly one case runs per core.
    /// </summary>
    private static List<(int Index, string Report)> RunOnEveryCore(int count, Func<int, string?> run)
    {
        var failures = new ConcurrentBag<(int Index, string Report)>();
        var workers = Environment.ProcessorCount;
        var next = -1;
        var current = Enumerable.Repeat(-1, workers).ToArray();
        var since = new long[workers];
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            for (int index; (index = Interlocked.Increment(ref next)) < count;)
            {
                Volatile.Write(ref since[worker], System.Diagnostics.Stopwatch.GetTimestamp());
                Volatile.Write(ref current[worker], index);
                string? report;
                try
                {
                    report = Measured(ref _caseTicks, () => run(index));
                }
                catch (Exception exception)
                {
                    report = $"case {index}: the harness threw: {exception}";
                }

                if (report is not null)
                {
                    failures.Add((index, report));
                }

                Volatile.Write(ref current[worker], -1);
            }
        }) { IsBackground = true, Name = "fuzz worker " + worker }).ToList();
        threads.ForEach(t => t.Start());

        foreach (var thread in threads)
        {
            while (!thread.Join(TimeSpan.FromSeconds(1)))
            {
                for (var worker = 0; worker < workers; worker++)
                {
                    var index = Volatile.Read(ref current[worker]);
                    if (index >= 0 && System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref since[worker])) > HangAfter)
                    {
                        failures.Add((index, $"case {index} hung: no result after {HangAfter.TotalSeconds:F0} s"));
                        return failures.OrderBy(f => f.Index).ToList();
                    }
                }
            }
        }

        return failures.OrderBy(f => f.Index).ToList();
    }

    /// <summary>Adds the CPU time <paramref name="work"/> takes on this thread to <paramref name="ticks"/>.</summary>
    private static T Measured<T>(ref long ticks, Func<T> work)
    {
        var before = ThreadCpuTime.Now();
        var result = work();
        if (before is { } start && ThreadCpuTime.Now() is { } end)
        {
            Interlocked.Add(ref ticks, (end - start).Ticks);
        }

        return result;
    }

    /// <summary>Runs case <paramref name="index"/>; null when the contract holds, else a report that reproduces it.</summary>
    public static string? Case(int index)
    {
        var project = Sample.Value;
        var random = new Random(Seed + index);
        var fileIndex = random.Next(project.Maps.Count);
        var original = project.Maps[fileIndex];
        var kind = (Kind)random.Next(Enum.GetValues<Kind>().Length);
        var text = original.Content;
        var edits = random.Next(1, 3);
        for (var edit = 0; edit < edits; edit++)
        {
            text = Mutate(kind, text, random, project);
        }

        var mutated = new InMemoryAdditionalText(original.Path, text);
        var texts = project.Texts.Select(t => t == original.Text ? mutated : t).ToList();
        var problems = new List<string>();
        GeneratorRun? run = null;
        try
        {
            // From the driver that has run over the unmutated project, as an IDE edit would: the schemas and the
            // other files are not parsed again.
            run = Measured(ref _generateTicks, () =>
            {
                var driver = project.Driver.ReplaceAdditionalText(original.Text, mutated).RunGeneratorsAndUpdateCompilation(project.Compilation, out var output, out var generatorDiagnostics);
                return new GeneratorRun(driver, project.Compilation, output, generatorDiagnostics);
            });
            problems.AddRange(Check(run, project, texts));
        }
        catch (Exception exception)
        {
            problems.Add("exception escaped: " + exception);
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder()
            .Append("case ").Append(index).Append(" (").Append(kind).Append(") on ").Append(Path.GetFileName(original.Path)).Append(":\n")
            .Append(string.Join("\n", problems.Select(p => "  " + p))).Append('\n');
        if (run is not null)
        {
            builder.Append("  generator diagnostics:\n").Append(string.Join("\n", run.Result.Diagnostics.Select(d => "    " + d))).Append('\n');
        }

        return builder.Append("  mutated file:\n").Append(Diff(original.Content, text)).ToString();
    }

    private static IEnumerable<string> Check(GeneratorRun run, Project project, IReadOnlyList<AdditionalText> texts)
    {
        foreach (var diagnostic in run.GeneratorDiagnostics.Concat(run.Result.Diagnostics).Distinct())
        {
            var message = diagnostic.GetMessage();
            if (diagnostic.Id is "CS8784" or "CS8785" || message.Contains("failed to generate", StringComparison.OrdinalIgnoreCase) || message.Contains("threw an exception", StringComparison.OrdinalIgnoreCase))
            {
                yield return "generator failed: " + diagnostic;
            }
        }

        foreach (var result in run.Result.Results.Where(r => r.Exception is not null))
        {
            yield return "generator exception: " + result.Exception;
        }

        foreach (var diagnostic in run.Result.Diagnostics.Where(d => d.Id.StartsWith("DW", StringComparison.Ordinal)))
        {
            if (!IsInsideItsFile(diagnostic.Location, texts, run.Input))
            {
                yield return $"location outside its file: {diagnostic} at {diagnostic.Location.Kind} {diagnostic.Location.GetLineSpan()} {diagnostic.Location.SourceSpan}";
            }
        }

        if (!run.Result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            Interlocked.Increment(ref _compiled);
            foreach (var error in CompileErrors(run, project))
            {
                yield return "no DW error, but the output does not compile: " + error;
            }
        }
    }

    /// <summary>
    /// The output's compile errors; an output generated before (say, by an edit of a comment) is not compiled again.
    /// Binding every method body of the output (130 KB of generated C#) for each distinct output cost most of the
    /// test's time, so what is checked is what a mutation of one file can break: the syntax and the method bodies
    /// of the generated files whose text differs from the unmutated project's output, and the declarations of the
    /// whole compilation (a generated member that clashes with another or with the user's is reported there) when
    /// a generated file was added, removed or changed outside its method bodies (<see cref="DeclarationText"/>);
    /// otherwise they are the unmutated project's, which compiled. Left out are the method bodies of the user's
    /// code and of unchanged generated files: they compiled without the mutation.
    /// </summary>
    private static IReadOnlyList<string> CompileErrors(GeneratorRun run, Project project)
    {
        var sources = run.Result.Results.SelectMany(r => r.GeneratedSources).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(source.HintName + "\0" + source.SourceText + "\0"));
        }

        return Compiled.GetOrAdd(Convert.ToHexString(hash.GetHashAndReset()), _ => Measured(ref _compileTicks, () =>
        {
            var changed = sources.Where(s => !project.Generated.TryGetValue(s.HintName, out var unmutated) || unmutated.Text != s.SourceText.ToString()).ToList();
            var declarationsChanged = sources.Count != project.Generated.Count
                || changed.Any(s => !project.Generated.TryGetValue(s.HintName, out var unmutated) || unmutated.Declarations != DeclarationText.Of(s.SyntaxTree));
            return changed.SelectMany(s => s.SyntaxTree.GetDiagnostics())
                .Concat(declarationsChanged ? run.Output.GetDeclarationDiagnostics() : Enumerable.Empty<Diagnostic>())
                .Concat(changed.SelectMany(s => run.Output.GetSemanticModel(s.SyntaxTree).GetMethodBodyDiagnostics()))
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Distinct()
                .Select(d => d + "\n      " + d.Location.SourceTree?.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim())
                .ToList();
        }));
    }

    private static bool IsInsideItsFile(Location location, IReadOnlyList<AdditionalText> texts, Compilation input)
    {
        if (location.SourceTree is { } tree)
        {
            return input.SyntaxTrees.Contains(tree) && location.SourceSpan.End <= tree.Length;
        }

        if (location.Kind != LocationKind.ExternalFile)
        {
            return false;
        }

        var span = location.GetLineSpan();
        var file = texts.FirstOrDefault(t => t.Path == span.Path)?.GetText();
        if (file is null || location.SourceSpan.Start < 0 || location.SourceSpan.End > file.Length)
        {
            return false;
        }

        return file.Lines.GetLinePosition(location.SourceSpan.Start) == span.StartLinePosition;
    }

    private static string Mutate(Kind kind, string text, Random random, Project project)
    {
        switch (kind)
        {
            case Kind.SwapIdentifiers:
            {
                var ids = Identifiers(text);
                if (ids.Count < 2)
                {
                    return text;
                }

                var a = ids[random.Next(ids.Count)];
                var b = ids[random.Next(ids.Count)];
                if (a.Index > b.Index)
                {
                    (a, b) = (b, a);
                }

                if (a.Index == b.Index || a.Index + a.Length > b.Index)
                {
                    return text;
                }

                return text[..a.Index] + b.Value + text[(a.Index + a.Length)..b.Index] + a.Value + text[(b.Index + b.Length)..];
            }

            case Kind.ReplaceWithSchemaName:
                return ReplaceIdentifier(text, random, _ => project.SchemaNames[random.Next(project.SchemaNames.Count)]);
            case Kind.Misspell:
                return ReplaceIdentifier(text, random, name => random.Next(4) switch
                {
                    0 => name.Length > 1 ? name.Remove(random.Next(name.Length), 1) : name + "x",
                    1 => name.Insert(random.Next(name.Length + 1), "e"),
                    2 => name.ToUpperInvariant(),
                    _ => name + "_2",
                });
            case Kind.FlipDirection:
            {
                var arrows = Regex.Matches(text, "<->|->|<-").ToList();
                if (arrows.Count == 0)
                {
                    return text;
                }

                var arrow = arrows[random.Next(arrows.Count)];
                return text[..arrow.Index] + new[] { "<->", "->", "<-" }[random.Next(3)] + text[(arrow.Index + arrow.Length)..];
            }

            case Kind.DropLine:
            case Kind.DuplicateLine:
            {
                var lines = text.Split('\n').ToList();
                var line = random.Next(lines.Count);
                if (kind == Kind.DropLine)
                {
                    lines.RemoveAt(line);
                }
                else
                {
                    lines.Insert(line, lines[line]);
                }

                return string.Join("\n", lines);
            }

            case Kind.ChangeLiteral:
            {
                var literals = Regex.Matches(text, "\"[^\"\\n]*\"|\\b\\d+(\\.\\d+)?\\b|\\btrue\\b|\\bfalse\\b|\\b[A-Za-z]+::[A-Za-z]+\\b").Where(m => !IsInComment(text, m.Index)).ToList();
                if (literals.Count == 0)
                {
                    return text;
                }

                var literal = literals[random.Next(literals.Count)];
                return text[..literal.Index] + Literals[random.Next(Literals.Length)] + text[(literal.Index + literal.Length)..];
            }

            case Kind.InsertNone:
            {
                var mapping = Regex.Matches(text, @"(?m)^(\s+)(\w+)(\s+)(<->|->|<-)(\s+)([\w.()]+)").ToList();
                if (mapping.Count == 0)
                {
                    return text;
                }

                var m = mapping[random.Next(mapping.Count)];
                var group = random.Next(2) == 0 ? m.Groups[2] : m.Groups[6];
                return text[..group.Index] + "none" + text[(group.Index + group.Length)..];
            }

            case Kind.FlipCompany:
                return ReplaceOne(text, random, @"company (striped|global)", m => m.Value.EndsWith("striped", StringComparison.Ordinal) ? "company global" : "company striped", orInsert: "  company " + (random.Next(2) == 0 ? "global" : "striped"));
            case Kind.RemoveKey:
                return ReplaceOne(text, random, @"(?m)^\s*key [^\n]*\n", _ => "");
            case Kind.RemoveSchema:
                return ReplaceOne(text, random, @"(?m)^(schema|namespace) [^\n]*\n", _ => "");
            case Kind.DuplicateDeclarationName:
                return ReplaceOne(text, random, @"\b(map|valuemap|numbers) (\w+)", m => m.Groups[1].Value + " " + project.DeclarationNames[random.Next(project.DeclarationNames.Count)]);
            case Kind.AddAfterCycle:
            {
                var target = project.MapNames[random.Next(project.MapNames.Count)];
                return ReplaceOne(text, random, @"(?m)^map (\w+)[^\n]*\{\n", m => m.Value + "  after " + (random.Next(3) == 0 ? m.Groups[1].Value : target) + "\n");
            }

            case Kind.ChangeFilter:
            {
                var filters = Regex.Matches(text, "filter (fo|dataverse) `([^`]*)`").ToList();
                if (filters.Count == 0)
                {
                    return ReplaceOne(text, random, @"(?m)^map [^\n]*\{\n", m => m.Value + (random.Next(2) == 0
                        ? "  filter fo `(" + project.SchemaNames[random.Next(project.SchemaNames.Count)] + " == " + Literals[random.Next(Literals.Length)] + ")`\n"
                        : "  filter dataverse `" + project.SchemaNames[random.Next(project.SchemaNames.Count)] + " eq " + Literals[random.Next(Literals.Length)].Replace('"', '\'') + "`\n"));
                }

                var filter = filters[random.Next(filters.Count)];
                var body = filter.Groups[2];
                var isFo = filter.Groups[1].Value == "fo";
                var tokens = Regex.Matches(body.Value, isFo ? "==|!=|<=|>=|&&|\\|\\||<|>|\"[^\"]*\"|\\w+" : "'[^']*'|\\w+").ToList();
                if (tokens.Count == 0)
                {
                    return text;
                }

                var token = tokens[random.Next(tokens.Count)];
                var replacement = random.Next(3) switch
                {
                    0 => isFo ? FoOperators[random.Next(FoOperators.Length)] : DataverseOperators[random.Next(DataverseOperators.Length)],
                    1 => isFo ? Literals[random.Next(Literals.Length)] : Literals[random.Next(Literals.Length)].Replace('"', '\''),
                    _ => project.SchemaNames[random.Next(project.SchemaNames.Count)],
                };
                var start = body.Index + token.Index;
                return text[..start] + replacement + text[(start + token.Length)..];
            }

            case Kind.AddVia:
            case Kind.AddDefault:
            {
                var mapping = Regex.Matches(text, @"(?m)^\s+[\w]+\s+(<->|->|<-)\s+[\w.()]+[^\n/]*").ToList();
                if (mapping.Count == 0)
                {
                    return text;
                }

                var m = mapping[random.Next(mapping.Count)];
                var suffix = kind == Kind.AddVia
                    ? " via " + (random.Next(4) == 0 ? "Contoso.Integration.Text.TitleCase" : project.DeclarationNames[random.Next(project.DeclarationNames.Count)])
                    : " default " + Literals[random.Next(Literals.Length)];
                return text[..(m.Index + m.Length)] + suffix + text[(m.Index + m.Length)..];
            }

            case Kind.KeywordOrMemberName:
                return ReplaceOne(text, random, @"\b(map|valuemap|numbers|namespace) (\w+)", m => m.Groups[1].Value + " " + TroubleNames[random.Next(TroubleNames.Length)]);
            case Kind.LongName:
                return ReplaceOne(text, random, @"\b(map|valuemap|numbers|namespace) (\w+)", m => m.Groups[1].Value + " " + new string('N', random.Next(1_000, 1_100)));
            case Kind.LineSeparator:
                return ReplaceOne(text, random, "\"[^\"\n]*\"|`[^`]*`", m => m.Value.Insert(1 + random.Next(m.Length - 1), LineSeparators[random.Next(LineSeparators.Length)]));
            case Kind.DeepFilter:
            {
                var depth = random.Next(50, 150);
                var terms = random.Next(1, 700);
                var filter = random.Next(2) == 0
                    ? "filter fo `" + new string('(', depth) + string.Join(" && ", Enumerable.Repeat("(CustomerAccount == \"A\")", terms)) + new string(')', depth) + "`"
                    : "filter dataverse `" + string.Concat(Enumerable.Repeat("not (", depth / 2)) + string.Join(" or ", Enumerable.Repeat("accountnumber eq 'A'", terms)) + new string(')', depth / 2) + "`";
                return ReplaceOne(text, random, @"(?m)^map Customers [^\n]*\{\n", m => m.Value + "  " + filter + "\n");
            }

            case Kind.NumberSpelling:
                return ReplaceOne(text, random, @"(?<=[\s>-])\d+(?=\s*(//[^\n]*)?\n)", m => new string('0', random.Next(1, 20)) + m.Value);
            default:
            {
                var position = random.Next(text.Length + 1);
                return random.Next(3) switch
                {
                    0 => text.Length == 0 ? text : text.Remove(Math.Min(position, text.Length - 1), 1),
                    1 => text.Insert(position, Fragments[random.Next(Fragments.Length)]),
                    _ => text.Insert(position, text.Substring(position, Math.Min(random.Next(1, 20), text.Length - position))),
                };
            }
        }
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "map", "valuemap", "numbers", "schema", "namespace", "key", "filter", "none", "else", "default", "via", "fo", "dataverse",
        "prefix", "for", "company", "striped", "global", "conflict", "after", "deletes", "ignore",
    };

    private static List<Match> Identifiers(string text) =>
        Regex.Matches(text, @"\b[A-Za-z_][A-Za-z0-9_]*\b")
            .Where(m => !Keywords.Contains(m.Value) && !IsInComment(text, m.Index) && !IsInQuotes(text, m.Index))
            .ToList();

    private static string ReplaceIdentifier(string text, Random random, Func<string, string> replace)
    {
        var ids = Identifiers(text);
        if (ids.Count == 0)
        {
            return text;
        }

        var id = ids[random.Next(ids.Count)];
        return text[..id.Index] + replace(id.Value) + text[(id.Index + id.Length)..];
    }

    private static string ReplaceOne(string text, Random random, string pattern, Func<Match, string> replace, string? orInsert = null)
    {
        var matches = Regex.Matches(text, pattern).Where(m => !IsInComment(text, m.Index)).ToList();
        if (matches.Count == 0)
        {
            if (orInsert is null)
            {
                return text;
            }

            var brace = text.IndexOf("{\n", StringComparison.Ordinal);
            return brace < 0 ? text : text.Insert(brace + 2, orInsert + "\n");
        }

        var match = matches[random.Next(matches.Count)];
        return text[..match.Index] + replace(match) + text[(match.Index + match.Length)..];
    }

    private static bool IsInComment(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var comment = text.IndexOf("//", lineStart, StringComparison.Ordinal);
        return comment >= 0 && comment < index;
    }

    private static bool IsInQuotes(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return text.Substring(lineStart, index - lineStart).Count(c => c == '"') % 2 == 1;
    }

    /// <summary>The mutated file, with the lines that differ from the original marked.</summary>
    private static string Diff(string original, string mutated)
    {
        var before = new HashSet<string>(original.Split('\n'));
        return string.Join("\n", mutated.Split('\n').Select(l => (before.Contains(l) ? "      " : "    * ") + l.Replace("\0", "\\0")));
    }

    private sealed record MapFile(AdditionalText Text)
    {
        public string Path => Text.Path;

        public string Content { get; } = Text.GetText()!.ToString();
    }

    /// <summary>The sample project, loaded and compiled once for all cases.</summary>
    private sealed record Project(
        IReadOnlyList<AdditionalText> Texts,
        IReadOnlyList<MapFile> Maps,
        CSharpCompilation Compilation,
        GeneratorDriver Driver,
        IReadOnlyDictionary<string, (string Text, string Declarations)> Generated,
        IReadOnlyList<string> SchemaNames,
        IReadOnlyList<string> MapNames,
        IReadOnlyList<string> DeclarationNames)
    {
        public static Project Load()
        {
            var (texts, sources) = GeneratorHarness.SampleInputs();
            // The cases already keep every core busy; Roslyn's own parallel binding would only add threads that
            // fight them (and that the per-thread CPU figures would miss).
            var compilation = GeneratorHarness.CreateCompilation(sources);
            compilation = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
            _ = compilation.GetDiagnostics(); // binds the user's code once; the cases' output compilations share its trees
            var maps = texts.Where(t => t.Path.EndsWith(".dwmap", StringComparison.Ordinal)).Select(t => new MapFile(t)).ToList();
            var schemaNames = texts.Where(t => t.Path.EndsWith(".xml", StringComparison.Ordinal))
                .SelectMany(t => Regex.Matches(t.GetText()!.ToString(), "<(?:Property|NavigationProperty|EntitySet|Member) Name=\"(\\w+)\"").Select(m => m.Groups[1].Value))
                .Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
            var all = string.Join("\n", maps.Select(m => m.Content));
            var mapNames = Regex.Matches(all, @"(?m)^map (\w+)").Select(m => m.Groups[1].Value).Append("VendorGroups").Distinct().ToList();
            var declarationNames = Regex.Matches(all, @"(?m)^(?:map|valuemap|numbers) (\w+)").Select(m => m.Groups[1].Value).Append("VendorGroups").Distinct().ToList();
            var driver = GeneratorHarness.CreateDriver(texts, "Contoso.Integration", trackSteps: false).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
            Assert.Empty(driver.GetRunResult().Diagnostics);
            // The cases compile only what a mutation changed; the rest is this output, which must compile.
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var generated = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources)
                .ToDictionary(s => s.HintName, s => (s.SourceText.ToString(), DeclarationText.Of(s.SyntaxTree)), StringComparer.Ordinal);
            return new Project(texts, maps, compilation, driver, generated, schemaNames, mapNames, declarationNames);
        }
    }
}
