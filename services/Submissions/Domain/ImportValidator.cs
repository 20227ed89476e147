namespace TuyPhuoc.Submissions.Domain;

/// <summary>
/// Checks an import's rows one by one against the plan, the locked months and the rows before them. What a year
/// holds (its plan and locked months) is read once, by <paramref name="readYear"/>, for a year that can have a plan.
/// </summary>
public sealed class ImportValidator(Caller caller, DateOnly today,
    Func<int, CancellationToken, Task<(PlanView? Plan, IReadOnlySet<(string Unit, int Year, int Month)> Locked)>> readYear)
{
    /// <summary>Errors beyond this many are summed up in the last one, so the answer stays within message limits.</summary>
    public const int MaxErrors = 10_000;

    private readonly Dictionary<int, (PlanView? Plan, IReadOnlySet<(string, int, int)> Locked)> _years = [];
    private readonly Dictionary<(string, string, int, int), long> _firstRowOfCell = [];

    // Details of the first errors only: what a caller sends never makes the list grow without bound.
    private readonly List<ImportRowError> _errors = [];
    private ImportRowError? _last;

    public long ErrorCount { get; private set; }
    public bool Good => ErrorCount == 0 && Denied is null;
    /// <summary>Why the whole batch is refused: a row of a unit the caller may not act for.</summary>
    public string? Denied { get; private set; }

    public async Task CheckAsync(ActualInput row, long position, CancellationToken ct)
    {
        if (Denied is not null) return;
        if (!caller.MayActFor(row.UnitCode))
        {
            Denied = $"Row {position}: a reporter of {caller.Unit} may not import values of {row.UnitCode}; nothing was stored.";
            return;
        }
        var (plan, locked) = await YearAsync(row.Year, ct);
        var violations = ActualRules.Check(row, plan, today);
        foreach (var v in violations) Error(position, v.Field, v.Description);
        if (violations.Count > 0) return;

        if (locked.Contains(row.ReportMonth)) Error(position, "month", ReportWorkflow.LockedMessage([row.ReportMonth]));
        if (!_firstRowOfCell.TryAdd(row.Cell, position))
        {
            Error(position, "indicator_code", $"the same cell is already in row {_firstRowOfCell[row.Cell]}");
        }
    }

    /// <summary>The errors to answer: the first ones, and past <see cref="MaxErrors"/> one more that sums up the rest.</summary>
    public List<ImportRowError> Summary() =>
        ErrorCount <= MaxErrors ? _errors
        : [.. _errors.Take(MaxErrors - 1), _errors[MaxErrors - 1] with
            { Reason = $"{_errors[MaxErrors - 1].Reason}; and {ErrorCount - MaxErrors} more errors up to row {_last!.Row}" }];

    private void Error(long row, string field, string reason)
    {
        ErrorCount++;
        _last = new(row, field, reason);
        if (_errors.Count < MaxErrors) _errors.Add(_last);
    }

    private async ValueTask<(PlanView?, IReadOnlySet<(string, int, int)>)> YearAsync(int year, CancellationToken ct)
    {
        if (_years.TryGetValue(year, out var known)) return known;
        if (year < PlanCalendar.FirstYear || year > today.Year) return _years[year] = (null, new HashSet<(string, int, int)>());
        return _years[year] = await readYear(year, ct);
    }
}
