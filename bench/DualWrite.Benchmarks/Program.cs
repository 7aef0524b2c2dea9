using System.Globalization;
using BenchmarkDotNet.Running;
using DualWrite.Benchmarks;
using DualWrite.Benchmarks.Hosts;
using DualWrite.Benchmarks.OverHttp;

// "staging [changes]", "hosts [changes] [repeats]", "engine-cpu [repeats]", "http [--quick] [options]" and
// "generator-edit [options]" are plain runs (see StagingMeasurement, HostScaling, EngineCpuMeasurement, HttpThroughput,
// GeneratorEditMeasurement), "synthetic-project <folder> [maps]" writes
// the synthetic maps project (SyntheticMapsProject); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "staging")
{
    await StagingMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
    return 0;
}

if (args is ["engine-cpu", ..])
{
    await EngineCpuMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
    return 0;
}

if (args is ["synthetic-project", var folder, ..])
{
    SyntheticMapsProject.Write(folder, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000);
    return 0;
}

if (args is ["generator-edit", .. var editOptions])
{
    return GeneratorEditMeasurement.Run(editOptions);
}

if (args is ["hosts", .. var rest])
{
    return await HostScaling.Run(rest);
}

if (args is ["http", .. var options])
{
    return await HttpThroughput.RunAsync(options);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
