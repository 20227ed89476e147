using System.Threading.Channels;

namespace TuyPhuoc.Submissions.Data;

/// <summary>
/// Interactive submissions, written with group commit: each call is checked against the plan on its own thread, then
/// every call that arrives while a transaction is committing joins the next one. A group costs three round trips and
/// one WAL flush however many calls it holds, and each caller is answered only once its revision is durable.
/// </summary>
public sealed class SubmissionWriter(IServiceScopeFactory scopes, PlanViews plans, DistrictClock clock, ChangeSignal signal,
    ILogger<SubmissionWriter> logger) : BackgroundService
{
    public const string Operation = "SubmitActual";
    private const int MaxGroup = 512;
    private static readonly ActivitySource Source = new("TuyPhuoc.Submissions");

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(16 * MaxGroup) { SingleReader = true });
    private string? _connectionString;

    private sealed record Pending(Caller Caller, WriteCall Call, string? TraceParent)
    {
        public TaskCompletionSource<Proto.ActualRevision> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ActivityContext Context => ActivityContext.TryParse(TraceParent, null, out var context) ? context : default;
    }

    /// <summary>Stores one actual as the cell's next revision and answers once it is committed; a retry with the same key gets the first answer.</summary>
    public async Task<Proto.ActualRevision> SubmitAsync(Caller caller, Proto.SubmitActualRequest request, CancellationToken ct)
    {
        var input = request.ToInput();
        caller.EnsureMayActFor(input.UnitCode);
        var key = Idempotency.Scoped(caller.Role, caller.Unit, caller.Subject, request.IdempotencyKey);
        var hash = Idempotency.Hash(request);
        try
        {
            if (request.ExpectedRevision < 0) throw new InvalidInputException("expected_revision", "must not be negative");
            var periodOk = ActualRules.CheckPeriod(input.Year, input.Month, clock.Today, (_, _) => { });
            var plan = periodOk ? await plans.ForActualsAsync(input.Year, clock.Today, p => p.IsAssigned(input.UnitCode, input.IndicatorCode), ct) : null;
            var violations = ActualRules.Check(input, plan, clock.Today);
            if (violations.Count > 0) throw new InvalidInputException(violations);
        }
        catch (DomainException) when (key is not null)
        {
            // What was valid when first stored stays answered: a retry after the plan changed gets its first answer.
            if (await EarlierAsync(key, hash, ct) is { } earlier) return earlier;
            throw;
        }

        var pending = new Pending(caller, new WriteCall(input with { Note = input.Note.Trim(), Solutions = input.Solutions.Trim() }, request.ExpectedRevision, key, hash), Activity.Current?.Id);
        try
        {
            await _queue.Writer.WriteAsync(pending, ct);
        }
        catch (ChannelClosedException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The service is shutting down; retry with the same idempotency key."));
        }
        return await pending.Answer.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var stop = stoppingToken.Register(() => _queue.Writer.TryComplete());
        var group = new List<Pending>(MaxGroup);
        // Drains what is queued even after the stop: every call taken in is answered.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next)) group.Add(next);
            await WriteGroupAsync(group);
            group.Clear();
        }
    }

    private async Task WriteGroupAsync(List<Pending> group)
    {
        using var activity = Source.StartActivity("submissions group commit", ActivityKind.Internal, parentContext: default,
            links: group.Select(p => p.Context).Where(c => c != default).Select(c => new ActivityLink(c)));
        activity?.SetTag("tuyphuoc.group.size", group.Count);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var answers = await WriteOnceAsync(group);
                signal.Pulse();
                for (var i = 0; i < group.Count; i++)
                {
                    if (answers[i] is Exception e) group[i].Answer.TrySetException(e);
                    else group[i].Answer.TrySetResult((Proto.ActualRevision)answers[i]);
                }
                return;
            }
            catch (Exception e) when (attempt < 5 && ActualsSql.IsRetryable(e))
            {
                // A concurrent writer (an import, another replica) took a number or a key, or the server restarts: read again and retry.
                logger.LogInformation("A group of {Count} submissions is written again: {Error}", group.Count, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * attempt));
            }
            catch (Exception e) when (group.Count > 1 && !ActualsSql.IsRetryable(e))
            {
                // One call's content may fail the whole group: each call alone, so only that one is refused.
                logger.LogWarning("A group of {Count} submissions failed ({Error}); each is written alone", group.Count, Truncated(e.Message));
                foreach (var pending in group) await WriteGroupAsync([pending]);
                return;
            }
            catch (Exception e)
            {
                var refused = !ActualsSql.IsRetryable(e) && (e as PostgresException ?? e.InnerException as PostgresException) is not null;
                logger.LogWarning("{Count} submission(s) could not be written: {Error}", group.Count, Truncated(e.Message));
                var answer = refused
                    ? (Exception)new InvalidInputException("request", "was refused by the database; a retry will not succeed")
                    : new RpcException(new Status(StatusCode.Unavailable, "The submission could not be stored; retry with the same idempotency key."));
                foreach (var pending in group) pending.Answer.TrySetException(answer);
                return;
            }
        }
    }

    private static string Truncated(string message) => message.Length <= 200 ? message : message[..200] + "…";

    /// <summary>One transaction for the group: what each call gets, an answer or the domain error that refuses it.</summary>
    private async Task<object[]> WriteOnceAsync(List<Pending> group)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var cells = group.Select(p => p.Call.Input).DistinctBy(c => c.Cell).ToList();
        var months = cells.Select(c => c.ReportMonth).Distinct().ToList();
        var keys = group.Select(p => p.Call.Key).OfType<string>().Distinct().ToArray();

        var earlier = new List<IdempotencyRecord>();
        var latest = new Dictionary<(string, string, int, int), int>();
        HashSet<(string, int, int)> locked;
        await using (var reads = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                ActualsSql.Command("""SELECT "Key", "RequestHash", "Response" FROM idempotency WHERE "Operation" = $1 AND "Key" = ANY($2)""", Operation, keys),
                ActualsSql.ShareLock(months),
                ActualsSql.Locked(months),
                ActualsSql.Latest(cells),
            },
        })
        await using (var reader = await reads.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                earlier.Add(new() { Operation = Operation, Key = reader.GetString(0), RequestHash = (byte[])reader[1], Response = (byte[])reader[2] });
            }
            await reader.NextResultAsync();
            await reader.NextResultAsync();
            locked = await ActualsSql.ReadMonthsAsync(reader, CancellationToken.None);
            await reader.NextResultAsync();
            for (var i = 0; await reader.ReadAsync(); i++) latest[cells[i].Cell] = reader.GetInt32(0);
        }

        var at = clock.Now;
        var outcomes = WriteDecisions.Decide([.. group.Select(p => p.Call)], earlier, locked, latest);
        var answers = new object[group.Count];
        var stored = new List<(Pending Pending, ActualRevision Revision, Proto.ActualRevision Answer)>();
        for (var i = 0; i < group.Count; i++)
        {
            if (outcomes[i] is WriteOutcome.Store { Revision: var number })
            {
                var revision = Revision(group[i], number, at);
                stored.Add((group[i], revision, revision.ToProto()));
            }
            answers[i] = outcomes[i] switch
            {
                WriteOutcome.Replay replay => Proto.ActualRevision.Parser.ParseFrom(replay.Response),
                WriteOutcome.Twin twin => ((Proto.ActualRevision)answers[twin.Call]).Clone(),
                WriteOutcome.Refuse refuse => refuse.Error,
                _ => stored[^1].Answer,
            };
        }
        if (stored.Count == 0) return answers;

        var revisions = stored.Select(s => s.Revision).ToList();
        var remembered = stored.Where(s => s.Pending.Call.Key is not null).ToList();
        await using (var writes = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                ActualsSql.Command("""
                    INSERT INTO actual_revisions ("UnitCode", "IndicatorCode", "Year", "Month", "Revision", "Value", "Note", "Solutions", "RecordedAt", "RecordedBy", "Origin")
                    SELECT u, i, y, m, r, v, n, s, $8, b, $10 FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::float8[], $7::text[], $9::text[], $11::text[]) AS k(u, i, y, m, r, v, n, b, s)
                    """, revisions.Select(r => r.UnitCode).ToArray(), revisions.Select(r => r.IndicatorCode).ToArray(), revisions.Select(r => r.Year).ToArray(),
                    revisions.Select(r => r.Month).ToArray(), revisions.Select(r => r.Revision).ToArray(), revisions.Select(r => r.Value).ToArray(),
                    revisions.Select(r => r.Note).ToArray(), at, revisions.Select(r => r.RecordedBy).ToArray(), (int)Origin.Interactive, revisions.Select(r => r.Solutions).ToArray()),
                // The sequencer gives these entries their feed positions once the group is committed.
                ActualsSql.Command("""
                    INSERT INTO change_log ("OccurredAt", "Kind", "Key", "Data", "TraceParent")
                    SELECT $1, $2, k, d::jsonb, t FROM unnest($3::text[], $4::text[], $5::text[]) AS x(k, d, t)
                    """, at, ChangeKinds.ActualRevised, revisions.Select(r => r.CellKey).ToArray(),
                    revisions.Select(r => ChangeFeedStore.RevisionData(r.Revision)).ToArray(), stored.Select(s => s.Pending.TraceParent).ToArray()),
                ActualsSql.Command("""
                    INSERT INTO idempotency ("Operation", "Key", "RequestHash", "Response", "CreatedAt")
                    SELECT $1, k, h, r, $2 FROM unnest($3::text[], $4::bytea[], $5::bytea[]) AS x(k, h, r)
                    """, Operation, at, remembered.Select(s => s.Pending.Call.Key).ToArray(), remembered.Select(s => s.Pending.Call.RequestHash).ToArray(),
                    remembered.Select(s => s.Answer.ToByteArray()).ToArray()),
            },
        })
        {
            await writes.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        return answers;
    }

    private static ActualRevision Revision(Pending p, int number, DateTimeOffset at) => new()
    {
        UnitCode = p.Call.Input.UnitCode, IndicatorCode = p.Call.Input.IndicatorCode, Year = p.Call.Input.Year, Month = p.Call.Input.Month,
        Revision = number, Value = p.Call.Input.Value, Note = p.Call.Input.Note, Solutions = p.Call.Input.Solutions, RecordedAt = at, RecordedBy = p.Caller.Subject, Origin = Origin.Interactive,
    };

    /// <summary>The first answer under this key, or null; the same key with other content is refused.</summary>
    private async Task<Proto.ActualRevision?> EarlierAsync(string? key, byte[] hash, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SubmissionsDbContext>().FindAsync(Operation, key, hash, Proto.ActualRevision.Parser, ct);
    }

    private async ValueTask<string> ConnectionStringAsync()
    {
        if (_connectionString is not null) return _connectionString;
        await using var scope = scopes.CreateAsyncScope();
        return _connectionString = scope.ServiceProvider.GetRequiredService<SubmissionsDbContext>().Database.GetConnectionString()!;
    }
}
