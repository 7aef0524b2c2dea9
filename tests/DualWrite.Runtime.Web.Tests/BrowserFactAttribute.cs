using System;
using System.IO;

namespace DualWrite.Runtime.Web.Tests;

/// <summary>
/// A test that drives Debian's chromium. Without it the test is skipped with a message saying how to install it, except
/// under <c>CI=true</c>, where it runs and fails loudly (.ci/run installs the package).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"{Chromium} is missing: install Debian's chromium (sudo apt-get install --no-install-recommends chromium) to run the browser tests.";
        }
    }
}
