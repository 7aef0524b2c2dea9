using BenchmarkDotNet.Running;
using DualWrite.Benchmarks.Hosts;

// "hosts [changes] [repeats]" measures several hosts sharing the work (a plain run, see HostScaling); anything else goes to BenchmarkDotNet.
if (args is ["hosts", .. var rest])
{
    return await HostScaling.Run(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
