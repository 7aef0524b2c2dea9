using System;
using System.IO;

namespace DualWrite.Generator.Tests.Infrastructure;

/// <summary>Where the repository's files are, found from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "dsl-samples", "Contoso.Integration");

    public static string TestProject => Path.Combine(Root, "tests", "DualWrite.Generator.Tests");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("DualWrite.Compiler.sln not found above " + AppContext.BaseDirectory);
    }
}
