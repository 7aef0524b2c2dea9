namespace DualWrite.Runtime.Engine;

/// <summary>Makes a typed runner for a map: the visitor hands over the map with its entity types, so nothing is reflected.</summary>
internal sealed class MapRunnerFactory : IDualWriteMapVisitor<IMapRunner>
{
    private readonly RuntimeContext _context;

    public MapRunnerFactory(RuntimeContext context) => _context = context;

    public IMapRunner Visit<TFo, TDataverse>(IDualWriteMap<TFo, TDataverse> map)
        where TFo : class
        where TDataverse : class => new MapRunner<TFo, TDataverse>(map, _context);
}
