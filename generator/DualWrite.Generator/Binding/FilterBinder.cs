using DualWrite.Generator.Model;
using DualWrite.Generator.Syntax;

namespace DualWrite.Generator.Binding;

// TEMPORARY until the filters branch is merged.
internal sealed class FilterBinder
{
    private readonly BindingContext _context;

    public FilterBinder(BindingContext context) => _context = context;

    public FilterModel? Bind(MapDeclaration map, Side side, BoundSide entity)
    {
        _ = _context;
        _ = map;
        _ = side;
        _ = entity;
        return null;
    }
}
