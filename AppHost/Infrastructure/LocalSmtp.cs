using Microsoft.Extensions.Configuration;

namespace TuyPhuoc.AppHost.Infrastructure;

/// <summary>smtp4dev, a real SMTP server with a web inbox (a .NET local tool of this repository, .config/dotnet-tools.json).</summary>
public sealed class Smtp4devResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithConnectionString
{
    public const string SmtpEndpointName = "smtp", InboxEndpointName = "http";
    public EndpointReference Smtp => new(this, SmtpEndpointName);
    public EndpointReference Inbox => new(this, InboxEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{Smtp.Property(EndpointProperty.Host)}:{Smtp.Property(EndpointProperty.Port)}");
}

public static class LocalSmtp
{
    public const int DefaultSmtpPort = 2525, DefaultInboxPort = 5025;

    /// <summary>
    /// The SMTP server the services mail through: the relay of ConnectionStrings:smtp where one is configured
    /// (production), else smtp4dev started here, its web inbox on the dashboard (local runs and tests).
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddSmtp(this IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name))) return builder.AddConnectionString(name);

        var randomize = builder.Configuration.GetValue("DcpPublisher:RandomizePorts", false);
        int Port(int fixedPort) => randomize ? InfrastructureProbe.FreePort() : fixedPort;
        var (smtpPort, inboxPort) = (Port(DefaultSmtpPort), Port(DefaultInboxPort));
        // The tool manifest is at the repository's root; `dotnet tool restore` (README, .ci/run) installs it.
        var resource = new Smtp4devResource(name, Path.GetFullPath("..", builder.AppHostDirectory));
        return builder.AddResource(resource)
            .WithEndpoint(Smtp4devResource.SmtpEndpointName, e => (e.Port, e.TargetPort, e.IsProxied, e.UriScheme) = (smtpPort, smtpPort, false, "tcp"))
            .WithHttpEndpoint(port: inboxPort, targetPort: inboxPort, name: Smtp4devResource.InboxEndpointName, isProxied: false)
            .WithArgs("tool", "run", "smtp4dev", "--", "--db=", "--nousersettings", "--hostname=localhost", "--bindaddress=127.0.0.1",
                $"--smtpport={smtpPort}", $"--urls=http://127.0.0.1:{inboxPort}",
                $"--imapport={InfrastructureProbe.FreePort()}", $"--pop3port={InfrastructureProbe.FreePort()}")
            .WithUrlForEndpoint(Smtp4devResource.InboxEndpointName, u => u.DisplayText = "Hộp thư thử (smtp4dev)")
            .WithHttpHealthCheck("/api/server", endpointName: Smtp4devResource.InboxEndpointName);
    }
}
