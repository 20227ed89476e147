namespace TuyPhuoc.Submissions.Data;

/// <summary>The writes of reports, deadlines and escalations: each in one transaction with its change-log entry.</summary>
public sealed class IdempotentWrites(SubmissionsDbContext db, ChangeSignal signal)
{
    /// <summary>Runs a write once per idempotency key: a retry with the same request gets the first answer and stores nothing.</summary>
    public Task<TResponse> RunAsync<TResponse>(string operation, string? idempotencyKey, IMessage request,
        MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write, CancellationToken ct)
        where TResponse : class, IMessage<TResponse> =>
        signal.WriteOnceAsync(db, operation, idempotencyKey, request, parser, write, ct);
}
