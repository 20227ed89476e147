using System.Diagnostics;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>One entry of a service's change log, written in the transaction of the change it records.</summary>
public sealed class ChangeLogEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Kind { get; set; }
    public required string Key { get; set; }
    /// <summary>Kind-specific details as JSON.</summary>
    public string Data { get; set; } = "{}";
    /// <summary>W3C traceparent of the request that made the change, so downstream work joins its trace.</summary>
    public string? TraceParent { get; set; }

    public static ChangeLogEntry For(string kind, string key, string data = "{}") => new()
    {
        Kind = kind,
        Key = key,
        Data = data,
        OccurredAt = DateTimeOffset.UtcNow,
        TraceParent = Activity.Current?.Id,
    };
}

public static class ChangeLog
{
    // Writers of the change log take this transaction-scoped lock just before they insert, so
    // sequence numbers become visible in commit order and a reader never skips a late commit.
    private const long AppendLock = 0x7475_7970_686f_6300;

    public static void ConfigureChangeLog(this ModelBuilder model) => model.Entity<ChangeLogEntry>(e =>
    {
        e.ToTable("change_log");
        e.HasKey(x => x.Sequence);
        e.Property(x => x.Sequence).UseIdentityAlwaysColumn();
        e.Property(x => x.Kind).HasMaxLength(64);
        e.Property(x => x.Key).HasMaxLength(200);
        e.Property(x => x.Data).HasColumnType("jsonb");
        e.Property(x => x.TraceParent).HasMaxLength(128);
    });

    /// <summary>The statement that takes the append lock, for writers that use a connection of their own.</summary>
    public static readonly string AppendLockSql = $"SELECT pg_advisory_xact_lock({AppendLock})";

    /// <summary>Takes the append lock inside the current transaction; call right before SaveChanges.</summary>
    public static Task LockForAppendAsync(this DbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(AppendLockSql, ct);

    public static Task<List<ChangeLogEntry>> ReadAfterAsync(this DbContext db, long after, int max, CancellationToken ct) =>
        db.Set<ChangeLogEntry>().AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(max).ToListAsync(ct);
}

/// <summary>Wakes change-feed streams in this process as soon as a change commits; they also poll, for other replicas.</summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    /// <summary>Streams every entry after <paramref name="after"/> in order, then follows new ones until the caller leaves.</summary>
    public static async Task StreamAsync<TMessage>(
        Func<long, CancellationToken, Task<List<ChangeLogEntry>>> readAfter,
        Func<ChangeLogEntry, TMessage> map,
        long after,
        IServerStreamWriter<TMessage> writer,
        ChangeSignal signal,
        CancellationToken ct)
    {
        var cursor = after;
        while (!ct.IsCancellationRequested)
        {
            var wake = signal.WaitAsync(PollInterval, ct);
            var batch = await readAfter(cursor, ct);
            foreach (var entry in batch)
            {
                await writer.WriteAsync(map(entry), ct);
                cursor = entry.Sequence;
            }
            if (batch.Count == 0)
            {
                await wake;
            }
        }
    }
}
