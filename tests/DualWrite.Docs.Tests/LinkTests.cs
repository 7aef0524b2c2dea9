using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DualWrite.Docs.Tests.Markdown;

namespace DualWrite.Docs.Tests;

/// <summary>Every relative link of README.md and docs/ names a file or folder of the repository, so a guide moved or
/// renamed cannot leave readers at a dead end.</summary>
public sealed class LinkTests
{
    private static readonly Regex CodeBlock = new(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline);
    private static readonly Regex InlineCode = new(@"`[^`\n]*`");
    private static readonly Regex Link = new(@"\]\((?<target>[^)\s]+)\)");
    private static readonly Regex Scheme = new(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase);

    [Fact]
    public void Every_relative_link_resolves()
    {
        var broken = DocumentationFiles.All().SelectMany(BrokenLinks).ToList();
        Assert.True(broken.Count == 0, "Links to nothing:\n" + string.Join("\n", broken));
    }

    private static IEnumerable<string> BrokenLinks(string file)
    {
        var text = InlineCode.Replace(CodeBlock.Replace(File.ReadAllText(file), string.Empty), string.Empty);
        foreach (Match link in Link.Matches(text))
        {
            var target = link.Groups["target"].Value;
            if (Scheme.IsMatch(target) || target.StartsWith('#'))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target.Split('#')[0]));
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                yield return $"{DocumentationFiles.Relative(file)}: {target}";
            }
        }
    }
}
