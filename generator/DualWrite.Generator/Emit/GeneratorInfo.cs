namespace DualWrite.Generator.Emit;

/// <summary>What every generated type says about its origin.</summary>
internal static class GeneratorInfo
{
    public const string Name = "DualWrite.Generator";
    public const string Version = "0.1.0";
    public const string GeneratedCodeAttribute = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + Name + "\", \"" + Version + "\")]";
}
