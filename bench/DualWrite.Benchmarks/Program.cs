using System.Globalization;
using BenchmarkDotNet.Running;
using DualWrite.Benchmarks;

if (args.Length > 0 && args[0] == "staging")
{
    StagingMeasurement.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
