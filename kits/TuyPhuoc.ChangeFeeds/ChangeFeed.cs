using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

using TuyPhuoc.Contracts;

namespace TuyPhuoc.ChangeFeeds;

/// <summary>One entry of a service's change log, written in the transaction of the change it records.</summary>
public sealed class ChangeLogEntry
{
    /// <summary>Order of insertion; transactions that commit later may hold lower ids.</summary>
    public long Id { get; set; }
    /// <summary>Position in the feed, given by the sequencer once the entry is committed; null until then.</summary>
    public long? Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Kind { get; set; }
    public required string Key { get; set; }
    /// <summary>Kind-specific details as JSON.</summary>
    public string Data { get; set; } = "{}";
    /// <summary>W3C traceparent of the request that made the change, so downstream work joins its trace.</summary>
    public string? TraceParent { get; set; }
    /// <summary>Who made the change (the request's token subject); null for the suite's own work.</summary>
    public string? By { get; set; }

    /// <summary>The entry as a service's change message, its header filled in; the subject is the service's to add.</summary>
    public TMessage ToMessage<TMessage>() where TMessage : IChangeMessage, new() => new()
    {
        Sequence = Sequence!.Value,
        OccurredAt = OccurredAt.ToProto(),
        Kind = Kind,
        Key = Key,
        TraceParent = TraceParent ?? "",
    };

    public static ChangeLogEntry For(string kind, string key, string data = "{}") => new()
    {
        Kind = kind,
        Key = key,
        Data = data,
        OccurredAt = DateTimeOffset.UtcNow,
        TraceParent = Activity.Current?.Id,
        By = ChangeActor.Current,
    };
}

public static class ChangeLog
{
    // One sequencer at a time (across replicas) numbers the committed entries.
    private const long SequencerLock = 0x7475_7970_686f_6300;

    public static void ConfigureChangeLog(this ModelBuilder model) => model.Entity<ChangeLogEntry>(e =>
    {
        e.ToTable("change_log");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.HasIndex(x => x.Sequence).IsUnique();
        e.HasIndex(x => x.Id).HasFilter("\"Sequence\" IS NULL").HasDatabaseName("IX_change_log_pending");
        e.Property(x => x.Kind).HasMaxLength(64);
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.Data).HasColumnType("jsonb");
        e.Property(x => x.TraceParent).HasMaxLength(128);
        e.Property(x => x.By).HasMaxLength(200);
    });

    /// <summary>
    /// Numbers the committed entries that have no position yet, after every position given so far. Writers never wait
    /// for each other; a reader that follows positions never skips an entry that commits late, because an entry gets
    /// its position only once it is committed, and positions are given in one serialised transaction.
    /// </summary>
    public static Task<int> SequenceCommittedAsync(this DbContext db, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
    {
        await using var transaction = await db.Database.BeginTransactionAsync(token);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({SequencerLock})", token);
        var numbered = await db.Database.ExecuteSqlRawAsync("""
            WITH pending AS (
                SELECT "Id", row_number() OVER (ORDER BY "Id") AS n FROM change_log WHERE "Sequence" IS NULL ORDER BY "Id" LIMIT 10000),
            head AS (SELECT coalesce(max("Sequence"), 0) AS s FROM change_log)
            UPDATE change_log c SET "Sequence" = head.s + pending.n FROM pending, head WHERE c."Id" = pending."Id"
            """, token);
        await transaction.CommitAsync(token);
        return numbered;
    }, ct);

    public static Task<List<ChangeLogEntry>> ReadAfterAsync(this DbContext db, long after, int max, CancellationToken ct) =>
        db.Set<ChangeLogEntry>().AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(max).ToListAsync(ct);

    /// <summary>Gives committed change-log entries their feed position as soon as a writer signals, and every so often.</summary>
    public static IServiceCollection AddChangeLogSequencer<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.TryAddSingleton<ChangeSignal>();
        return services.AddHostedService<ChangeLogSequencer<TContext>>();
    }

    private sealed class ChangeLogSequencer<TContext>(IServiceProvider services, ChangeSignal signal, ILogger<ChangeLogSequencer<TContext>> logger)
        : BackgroundService where TContext : DbContext
    {
        private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

        protected override async Task ExecuteAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                var wake = signal.WaitAsync(Interval, ct);
                using var untraced = SuppressInstrumentationScope.Begin();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<TContext>().SequenceCommittedAsync(ct) > 0)
                    {
                        signal.Pulse();
                        continue;
                    }
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // Not migrated yet, or the database is restarting: the entries wait, nothing is lost.
                    logger.LogDebug(e, "Sequencing the change log of {Context} failed; retrying", typeof(TContext).Name);
                }
                try { await wake; }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}

/// <summary>Wakes change-feed streams in this process as soon as a change commits; they also poll, for other replicas.</summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Runs a write once per idempotency key, in one transaction with its change-log entries (see
    /// <see cref="Idempotency.WriteOnceAsync"/>), then wakes the streams: its entries are committed.
    /// </summary>
    public async Task<TResponse> WriteOnceAsync<TResponse>(DbContext db, string operation, string? idempotencyKey, IMessage request,
        MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write, CancellationToken ct) where TResponse : class, IMessage<TResponse>
    {
        var response = await db.WriteOnceAsync(operation, idempotencyKey, request, parser, write, ct);
        Pulse();
        return response;
    }

    public void Pulse() => Interlocked.Exchange(ref _next, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try { await Volatile.Read(ref _next).Task.WaitAsync(timeout, ct); }
        catch (TimeoutException) { }
    }
}

public static class ChangeFeedStreaming
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    /// <summary>
    /// Streams every entry after <paramref name="after"/> in order (those that map to null are skipped), then follows new
    /// ones until the caller leaves. A batch goes out with one flush: under load, a flush per message made the stream
    /// the slowest link between a change and its reader.
    /// </summary>
    public static async Task StreamAsync<TMessage>(
        Func<long, CancellationToken, Task<List<ChangeLogEntry>>> readAfter,
        Func<ChangeLogEntry, TMessage?> map,
        long after,
        IServerStreamWriter<TMessage> writer,
        ChangeSignal signal,
        CancellationToken ct) where TMessage : class
    {
        var cursor = after;
        while (!ct.IsCancellationRequested)
        {
            var wake = signal.WaitAsync(PollInterval, ct);
            List<ChangeLogEntry> batch;
            // Polls are not traced: ten a second would bury the requests and processing an operator looks for.
            using (SuppressInstrumentationScope.Begin()) batch = await readAfter(cursor, ct);
            if (batch.Count == 0)
            {
                await wake;
                continue;
            }
            var messages = batch.Select(map).OfType<TMessage>().ToList();
            for (var i = 0; i < messages.Count; i++)
            {
                writer.WriteOptions = i < messages.Count - 1 ? Buffered : null;
                await writer.WriteAsync(messages[i], ct);
            }
            cursor = batch[^1].Sequence!.Value;
        }
    }
}
