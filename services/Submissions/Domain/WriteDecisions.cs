
namespace TuyPhuoc.Submissions.Domain;

/// <summary>
/// The decisions of a group commit, on what its transaction read: the answers stored under the calls' keys, the
/// locked months and each cell's latest revision. Calls are taken in order: a later one sees the revisions and the
/// keys of those before it in the group.
/// </summary>
public static class WriteDecisions
{
    /// <param name="latest">The latest revision of the cells; a cell not named has none yet.</param>
    public static WriteOutcome[] Decide(IReadOnlyList<WriteCall> calls, IEnumerable<IdempotencyRecord> stored,
        IReadOnlySet<(string Unit, int Year, int Month)> lockedMonths, IReadOnlyDictionary<(string, string, int, int), int> latest)
    {
        var earlier = stored.ToDictionary(r => r.Key, r => (r.RequestHash, Answer: (WriteOutcome)new WriteOutcome.Replay(r.Response)));
        var revisions = new Dictionary<(string, string, int, int), int>(latest);
        var outcomes = new WriteOutcome[calls.Count];
        for (var i = 0; i < calls.Count; i++)
        {
            var (input, expected, key, hash) = calls[i];
            var current = revisions.GetValueOrDefault(input.Cell);
            outcomes[i] = key is not null && earlier.TryGetValue(key, out var first)
                    ? first.RequestHash.AsSpan().SequenceEqual(hash) ? first.Answer : Refuse(KeyReused())
                : lockedMonths.Contains(input.ReportMonth) ? Refuse(new FailedPreconditionException(ReportWorkflow.LockedMessage([input.ReportMonth])))
                : expected != 0 && expected != current ? Refuse(new FailedPreconditionException(
                    $"The value of {ActualRevision.CellKeyOf(input.UnitCode, input.IndicatorCode, input.Year, input.Month)} is at revision {current}, not {expected}; read it again before correcting it."))
                : new WriteOutcome.Store(revisions[input.Cell] = current + 1);
            // A twin later in the group (same key) gets this answer, or the refusal of a key reused for other content.
            if (key is not null && outcomes[i] is WriteOutcome.Store) earlier[key] = (hash, new WriteOutcome.Twin(i));
        }
        return outcomes;
    }

    private static InvalidInputException KeyReused() => new(Idempotency.KeyField, "was already used for a different request");

    private static WriteOutcome.Refuse Refuse(DomainException error) => new(error);
}
