using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>The answer given to a write with a client idempotency key, kept so a retry gets the same answer.</summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }
    public required string Operation { get; set; }
    public required byte[] RequestHash { get; set; }
    public required byte[] Response { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Idempotency
{
    public static void ConfigureIdempotency(this ModelBuilder model) => model.Entity<IdempotencyRecord>(e =>
    {
        e.ToTable("idempotency");
        e.HasKey(x => new { x.Operation, x.Key });
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.Operation).HasMaxLength(100);
    });

    public static byte[] Hash(IMessage request) => SHA256.HashData(request.ToByteArray());

    public const string KeyField = "idempotency_key";
    public const int MaxClientKeyLength = InputBounds.MaxKeyLength;
    private const int MaxScopeLength = 96;

    /// <summary>
    /// A client's key as stored: within the caller's scope (the unit for a unit reporter, else the token's subject), so
    /// another caller's key is another key: it never answers with someone else's stored answer nor uses theirs up.
    /// </summary>
    public static string? Scoped(string role, string? unit, string subject, string? clientKey, string field = KeyField)
    {
        if (string.IsNullOrEmpty(clientKey)) return null;
        if (clientKey.Length > MaxClientKeyLength) throw new InvalidInputException(field, $"is longer than {MaxClientKeyLength} characters");
        var scope = role == Roles.UnitReporter && !string.IsNullOrEmpty(unit) ? $"u:{unit}" : $"s:{subject}";
        // Long scopes are hashed so that scope and key always fit the 200 characters of the key column.
        if (scope.Length > MaxScopeLength) scope = "h:" + Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scope)));
        // The length first: no scope and key can spell another scope's key.
        return $"{scope.Length}:{scope}|{clientKey}";
    }

    /// <summary>
    /// The stored answer for this key, or null when the key is new. The same key with other content is refused:
    /// nothing is stored twice and nothing different is stored under a key already used.
    /// </summary>
    public static Task<TResponse?> FindAsync<TResponse>(this DbContext db, string operation, string? key, IMessage request,
        MessageParser<TResponse> parser, CancellationToken ct) where TResponse : class, IMessage<TResponse> =>
        db.FindAsync(operation, key, Hash(request), parser, ct);

    public static async Task<TResponse?> FindAsync<TResponse>(this DbContext db, string operation, string? key, byte[] requestHash,
        MessageParser<TResponse> parser, CancellationToken ct) where TResponse : class, IMessage<TResponse>
    {
        if (string.IsNullOrEmpty(key)) return null;
        var found = await db.Set<IdempotencyRecord>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Operation == operation && r.Key == key, ct);
        if (found is null) return null;
        if (!found.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            throw new InvalidInputException("idempotency_key", "was already used for a different request");
        }
        return parser.ParseFrom(found.Response);
    }

    /// <summary>
    /// Runs a write once per idempotency key, in one transaction with its change-log entries: a retry with the same
    /// request gets the first answer and stores nothing; a concurrent twin that wins the race answers for both.
    /// </summary>
    public static async Task<TResponse> WriteOnceAsync<TResponse>(this DbContext db, string operation, string? idempotencyKey,
        IMessage request, MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write, CancellationToken ct)
        where TResponse : class, IMessage<TResponse>
    {
        var strategy = db.Database.CreateExecutionStrategy();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(async token =>
                {
                    db.ChangeTracker.Clear();
                    if (await db.FindAsync(operation, idempotencyKey, request, parser, token) is { } earlier) return earlier;
                    await using var transaction = await db.Database.BeginTransactionAsync(token);
                    TResponse answer;
                    try
                    {
                        answer = await write(token);
                    }
                    catch (DomainException) when (!string.IsNullOrEmpty(idempotencyKey))
                    {
                        // A concurrent call with the same key may have made this one moot: its answer is this one's too.
                        await transaction.RollbackAsync(token);
                        db.ChangeTracker.Clear();
                        if (await db.FindAsync(operation, idempotencyKey, request, parser, token) is { } first) return first;
                        throw;
                    }
                    db.Remember(operation, idempotencyKey, request, answer);
                    await db.SaveChangesAsync(token);
                    await transaction.CommitAsync(token);
                    return answer;
                }, ct);
            }
            catch (DbUpdateException e) when (attempt < 5 && e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // A concurrent call took the same key or the same new number: ask again; the retry finds its answer or moves on.
            }
        }
    }

    public static void Remember(this DbContext db, string operation, string? key, IMessage request, IMessage response)
    {
        if (string.IsNullOrEmpty(key)) return;
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord
        {
            Operation = operation,
            Key = key,
            RequestHash = Hash(request),
            Response = response.ToByteArray(),
            CreatedAt = DateTimeOffset.UtcNow,
        });
    }
}

public interface IDbSeeder<in TContext> where TContext : DbContext
{
    Task SeedAsync(TContext context, CancellationToken ct);
}

/// <summary>Completes once the service's database is migrated and seeded: background work on it waits for this.</summary>
public abstract class Migrated<TContext> where TContext : DbContext
{
    public abstract Task WaitAsync(CancellationToken ct);
}

public static class MigrationExtensions
{
    /// <summary>Migrates the database at start-up (creating it if needed), then seeds it; health waits for this.</summary>
    public static IServiceCollection AddMigration<TContext, TSeeder>(this IServiceCollection services)
        where TContext : DbContext where TSeeder : class, IDbSeeder<TContext>
    {
        services.AddScoped<IDbSeeder<TContext>, TSeeder>();
        services.AddSingleton<MigrationState<TContext>>();
        services.AddSingleton<Migrated<TContext>>(sp => sp.GetRequiredService<MigrationState<TContext>>());
        services.AddHostedService<Migrator<TContext>>();
        services.AddHealthChecks().AddCheck<MigrationState<TContext>>("migrations");
        return services;
    }

    public static IServiceCollection AddMigration<TContext>(this IServiceCollection services) where TContext : DbContext =>
        services.AddMigration<TContext, NoSeed<TContext>>();

    private sealed class NoSeed<TContext> : IDbSeeder<TContext> where TContext : DbContext
    {
        public Task SeedAsync(TContext context, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class MigrationState<TContext> : Migrated<TContext>, Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck where TContext : DbContext
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Done
        {
            get => _done.Task.IsCompleted;
            set { if (value) _done.TrySetResult(); }
        }

        public override Task WaitAsync(CancellationToken ct) => _done.Task.WaitAsync(ct);

        public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(Done
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database not migrated yet"));
    }

    private sealed class Migrator<TContext>(IServiceProvider services, MigrationState<TContext> state, ILogger<Migrator<TContext>> logger)
        : BackgroundService where TContext : DbContext
    {
        protected override async Task ExecuteAsync(CancellationToken ct)
        {
            for (var attempt = 1; !ct.IsCancellationRequested; attempt++)
            {
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TContext>();
                    await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
                    {
                        await db.Database.MigrateAsync(ct);
                        await scope.ServiceProvider.GetRequiredService<IDbSeeder<TContext>>().SeedAsync(db, ct);
                    });
                    state.Done = true;
                    logger.LogInformation("Database of {Context} migrated and seeded", typeof(TContext).Name);
                    return;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Migrating {Context} failed (attempt {Attempt}); retrying", typeof(TContext).Name, attempt);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct);
                }
            }
        }
    }
}

/// <summary>Lets `dotnet ef` build a context without starting the service.</summary>
public abstract class NpgsqlDesignTimeFactory<TContext> : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=design").Options;
        return (TContext)Activator.CreateInstance(typeof(TContext), options)!;
    }
}
