using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.AppHost.Infrastructure;

/// <summary>PostgreSQL (one server, a database per service) and Redis, from containers or from local executables.</summary>
public sealed class SuiteInfrastructure
{
    private readonly IDistributedApplicationBuilder _builder;
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _database;

    public InfrastructureMode Mode { get; }
    public IResourceBuilder<IResource> Postgres { get; }
    public IResourceBuilder<IResourceWithConnectionString> Redis { get; }

    public SuiteInfrastructure(IDistributedApplicationBuilder builder)
    {
        _builder = builder;
        var settings = builder.Configuration.GetSection("Infrastructure");
        Mode = InfrastructureProbe.Resolve(settings["Mode"]);
        if (Mode == InfrastructureMode.Containers)
        {
            var postgres = builder.AddPostgres(ResourceNames.Postgres).WithDataVolume();
            Postgres = postgres;
            _database = name => postgres.AddDatabase(name);
            Redis = builder.AddRedis(ResourceNames.Redis);
            return;
        }

        var dataRoot = Path.GetFullPath(settings["DataDirectory"] ?? ".data", builder.AppHostDirectory);
        Directory.CreateDirectory(dataRoot);
        var server = builder.AddLocalPostgres(ResourceNames.Postgres, dataRoot);
        Postgres = server;
        _database = name => builder.AddConnectionString(name,
            ReferenceExpression.Create($"{server.Resource.ConnectionStringExpression};Database={name}"));
        Redis = builder.AddLocalRedis(ResourceNames.Redis, dataRoot, settings["Redis"]);
    }

    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => _database(name);
}
