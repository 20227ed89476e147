using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace TuyPhuoc.Tests.Postgres;

/// <summary>
/// A throw-away PostgreSQL server for the tests whose SQL is the thing under test (shared by the test projects that
/// need one: each links this file). Runs as the postgres user when the tests run as root, since the server refuses root.
/// </summary>
public class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine("/tmp", $"tuyphuoc-tests-{Guid.NewGuid():N}");
    private Process? _server;
    private int _port;

    public async ValueTask InitializeAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL server binaries (initdb, postgres) are needed by these tests.");
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"-R postgres:postgres {_root}");
        Run(Wrap(asRoot, Path.Combine(bin, "initdb")), $"{Prefix(asRoot, Path.Combine(bin, "initdb"))} -D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        _port = FreePort();
        _server = Process.Start(new ProcessStartInfo(Wrap(asRoot, Path.Combine(bin, "postgres")),
            $"{Prefix(asRoot, Path.Combine(bin, "postgres"))} -D {data} -p {_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        });
        _server!.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        _server.BeginOutputReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=false";

    /// <summary>A fresh database for one test, migrated by the context made for it.</summary>
    public async Task<TContext> NewDatabaseAsync<TContext>(Func<DbContextOptions<TContext>, TContext> create) where TContext : DbContext
    {
        var name = $"t{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        var db = Context(name, create);
        await db.Database.MigrateAsync();
        return db;
    }

    public TContext Context<TContext>(string database, Func<DbContextOptions<TContext>, TContext> create) where TContext : DbContext =>
        create(new DbContextOptionsBuilder<TContext>().UseNpgsql(ConnectionString(database), o => o.EnableRetryOnFailure()).Options);

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            Process.Start("kill", $"-INT {_server.Id}")?.WaitForExit();
            if (!_server.WaitForExit(10_000)) _server.Kill(entireProcessTree: true);
        }
        _server?.Dispose();
        await Task.Yield();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private static string Wrap(bool asRoot, string command) => asRoot ? "setpriv" : command;

    private static string Prefix(bool asRoot, string command) => asRoot ? $"--reuid=postgres --regid=postgres --init-groups -- {command}" : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindBinaries()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb)) return Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(true)?.FullName ?? initdb);
        }
        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).OrderDescending().FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
    }

    private static void Run(string command, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {args} failed: {error} {output.Result}");
    }
}
