using System;
using System.IO;

namespace DualWrite.Cli.Tests;

/// <summary>A scratch folder deleted after the test, so tests can break maps without touching the repository.</summary>
public sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dualwrite-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A copy of the Contoso sample project without its build output.</summary>
    public static TestFolder CopyOfSample()
    {
        var folder = new TestFolder();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Sample, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(RepoPaths.Sample, file);
            if (relative.StartsWith("bin" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("obj" + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            folder.Write(relative, File.ReadAllText(file));
        }

        return folder;
    }

    public string Write(string relativePath, string text)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample => System.IO.Path.Combine(Root, "dsl-samples", "Contoso.Integration");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DualWrite.Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
