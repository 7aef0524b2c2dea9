namespace DualWrite.Generator;

/// <summary>The names of the pipeline's steps, so tests can prove which steps re-ran after an edit.</summary>
internal static class TrackingNames
{
    public const string RootNamespace = nameof(RootNamespace);
    public const string Parse = nameof(Parse);
    public const string ProjectDirectory = nameof(ProjectDirectory);
    public const string MapAttributes = nameof(MapAttributes);
    public const string ValueMapAttributes = nameof(ValueMapAttributes);
    public const string SchemaAttributes = nameof(SchemaAttributes);
    public const string Files = nameof(Files);
    public const string SchemaDeclarations = nameof(SchemaDeclarations);
    public const string SchemaPaths = nameof(SchemaPaths);
    public const string ReadSchema = nameof(ReadSchema);
    public const string Schemas = nameof(Schemas);
    public const string AdditionalFilePaths = nameof(AdditionalFilePaths);
    public const string Declarations = nameof(Declarations);
    public const string ViaNames = nameof(ViaNames);
    public const string ViaMethods = nameof(ViaMethods);
    public const string FoUserEntities = nameof(FoUserEntities);
    public const string DataverseUserEntities = nameof(DataverseUserEntities);
    public const string UserEntities = nameof(UserEntities);
    public const string UserEntityDiagnostics = nameof(UserEntityDiagnostics);
    public const string Units = nameof(Units);
    public const string Positions = nameof(Positions);
    public const string IndexedSchemas = nameof(IndexedSchemas);
    public const string SchemaSlice = nameof(SchemaSlice);
    public const string Bind = nameof(Bind);
    public const string BindDiagnostics = nameof(BindDiagnostics);
    public const string RelocatedDiagnostics = nameof(RelocatedDiagnostics);
    public const string Maps = nameof(Maps);
    public const string ValueMaps = nameof(ValueMaps);
    public const string Numbers = nameof(Numbers);
    public const string EntityClasses = nameof(EntityClasses);
    public const string Enums = nameof(Enums);
    public const string MapOrder = nameof(MapOrder);
    public const string OrderDiagnostics = nameof(OrderDiagnostics);
    public const string DeclarationDiagnostics = nameof(DeclarationDiagnostics);
}
