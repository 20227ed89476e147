using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TuyPhuoc.AppHost.Infrastructure;

/// <summary>A PostgreSQL server run from the machine's binaries, with its cluster kept under the data directory.</summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public EndpointReference Endpoint => new(this, EndpointName);
    public ParameterResource Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username=postgres;Password={Password}");
}

public static class LocalPostgres
{
    private const string RunAsUser = "postgres";

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string dataRoot)
    {
        var bin = FindServerBinaries()
            ?? throw new SetupException(
                "PostgreSQL server binaries (initdb, postgres) were not found: install PostgreSQL 15+ (Debian: apt-get install postgresql), or run with a Docker engine.");
        var clusterDir = Path.Combine(dataRoot, "postgres");
        var password = EnsureCluster(bin, clusterDir, Path.Combine(dataRoot, "postgres.password"));

        var passwordParameter = builder.AddParameter($"{name}-password", password, secret: true);
        var asRoot = Environment.UserName == "root";
        var postgres = Path.Combine(bin, "postgres");
        var resource = new LocalPostgresResource(name, asRoot ? "setpriv" : postgres, dataRoot, passwordParameter.Resource);
        var port = InfrastructureProbe.FreePort();
        var healthKey = $"{name}-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthKey, _ => new ServerAcceptsConnections(resource), null, null));

        return builder.AddResource(resource)
            // No proxy in front of the database: every query saves a hop. A port fixed for the whole run keeps the
            // services' connection strings valid when the server is restarted.
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", port: port, targetPort: port, isProxied: false)
            .WithArgs(context =>
            {
                if (asRoot)
                {
                    // initdb and postgres refuse to run as root.
                    context.Args.Add($"--reuid={RunAsUser}");
                    context.Args.Add($"--regid={RunAsUser}");
                    context.Args.Add("--init-groups");
                    context.Args.Add("--");
                    context.Args.Add(postgres);
                }
                context.Args.Add("-D");
                context.Args.Add(clusterDir);
                context.Args.Add("-p");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
                foreach (var setting in new[] { "listen_addresses=127.0.0.1", "unix_socket_directories=", "fsync=on", "max_connections=300" })
                {
                    context.Args.Add("-c");
                    context.Args.Add(setting);
                }
            })
            .WithHealthCheck(healthKey);
    }

    public static string? FindServerBinaries()
    {
        var initdb = InfrastructureProbe.FindOnPath("initdb");
        if (initdb is not null) return Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(true)?.FullName ?? initdb);
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).OrderDescending()
                .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")))
            : null;
    }

    /// <summary>
    /// Creates the cluster on first use, its password beside it (outside git). An existing cluster is never deleted or
    /// initialised again: without its password file, or a directory that holds something else, start-up stops and says why.
    /// </summary>
    public static string EnsureCluster(string bin, string clusterDir, string passwordFile)
    {
        if (File.Exists(Path.Combine(clusterDir, "PG_VERSION")))
        {
            return File.Exists(passwordFile)
                ? File.ReadAllText(passwordFile).Trim()
                : throw new SetupException(
                    $"The PostgreSQL cluster {clusterDir} has no password file {passwordFile}: put its password (of the user postgres) back in that file, or move the cluster away to start with an empty one.");
        }
        if (Directory.Exists(clusterDir) && Directory.EnumerateFileSystemEntries(clusterDir).Any())
        {
            throw new SetupException(
                $"{clusterDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): move it away, or set Infrastructure:DataDirectory to another folder.");
        }

        // A password file left by an initdb that failed is taken again, so the file and the cluster always agree.
        var password = File.Exists(passwordFile) ? File.ReadAllText(passwordFile).Trim() : NewPassword(passwordFile);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(clusterDir);
        else Directory.CreateDirectory(clusterDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var asRoot = Environment.UserName == "root";
        var pwfile = clusterDir + ".pwfile";
        SecretFile.Write(pwfile, password);
        try
        {
            var initdbArgs = $"-D \"{clusterDir}\" -U postgres --pwfile=\"{pwfile}\" --auth-host=scram-sha-256 --auth-local=peer -E UTF8 --locale=C.UTF-8";
            if (asRoot)
            {
                Run("chown", $"-R {RunAsUser}:{RunAsUser} \"{clusterDir}\" \"{pwfile}\"");
                Run("setpriv", $"--reuid={RunAsUser} --regid={RunAsUser} --init-groups -- \"{Path.Combine(bin, "initdb")}\" {initdbArgs}");
            }
            else
            {
                Run(Path.Combine(bin, "initdb"), initdbArgs);
            }
        }
        finally
        {
            File.Delete(pwfile);
        }
        return password;
    }

    private static string NewPassword(string passwordFile)
    {
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        SecretFile.Write(passwordFile, password);
        return password;
    }

    private static void Run(string command, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start {command}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {args} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    // Checks the maintenance database: service databases appear only when each service migrates its own.
    private sealed class ServerAcceptsConnections(LocalPostgresResource resource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                var connectionString = await resource.ConnectionStringExpression.GetValueAsync(ct);
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString);
                await connection.OpenAsync(ct);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e)
            {
                return HealthCheckResult.Unhealthy(e.Message);
            }
        }
    }
}

/// <summary>Start-up cannot go on; the message is one line that says what to do.</summary>
public sealed class SetupException(string message) : Exception(message);

/// <summary>Files holding secrets: readable by their owner only, from the moment they exist.</summary>
public static class SecretFile
{
    public static void Write(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(new FileStream(path, options));
        writer.Write(text);
    }
}
