using Microsoft.Extensions.Configuration;
using TuyPhuoc.AppHost.Infrastructure;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.AppHost;

public static class DirectEndpoints
{
    /// <summary>
    /// The project listens on its endpoints itself, with no orchestrator proxy in front: a proxy is one more TCP relay
    /// on every call. The ports are those of the project's appsettings, or free ones when the run randomizes ports
    /// (tests, a second instance); either way fixed for the run, so a restarted project comes back at the same address.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDirectEndpoints(this IResourceBuilder<ProjectResource> project)
    {
        var randomize = project.ApplicationBuilder.Configuration.GetValue("DcpPublisher:RandomizePorts", false);
        foreach (var name in new[] { ResourceNames.HttpEndpoint, ResourceNames.GrpcEndpoint })
        {
            project.WithEndpoint(name, endpoint =>
            {
                var port = randomize || endpoint.Port is null ? InfrastructureProbe.FreePort() : endpoint.Port.Value;
                endpoint.Port = port;
                endpoint.TargetPort = port;
                endpoint.IsProxied = false;
            }, createIfNotExists: false);
        }
        return project;
    }
}
