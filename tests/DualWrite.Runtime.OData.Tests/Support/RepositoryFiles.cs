using System;
using System.IO;

namespace DualWrite.Runtime.OData.Tests.Support;

/// <summary>The repository's files, found from the test assembly's folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>Real Dataverse $metadata documents, with their sources in the folder's README.</summary>
    public static string DataverseCorpus => Path.Combine(Root, "tests", "TestData", "dataverse-csdl");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DualWrite.Compiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (DualWrite.Compiler.sln) is not above the test assembly.");
    }
}
