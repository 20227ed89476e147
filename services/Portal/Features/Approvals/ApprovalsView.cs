using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

public sealed record ReportRow(string Unit, string UnitName, ReportStatus Status, DateTimeOffset? SubmittedAt, int DaysLate, string ReturnReason, int Missing)
{
    public static ReportRow From(Report r, string unitName) => new(r.UnitCode, unitName, r.Status, r.SubmittedAt?.ToDateTimeOffset(), r.DaysLate,
        r.ReturnReason, r.MissingIndicatorCodes.Count);
}

/// <summary>Every unit's report of a month, in the order the offices read units.</summary>
public sealed record ApprovalsView(int Year, int Month, IReadOnlyList<ReportRow> Rows)
{
    public static ApprovalsView From(int year, int month, IEnumerable<Report> reports, IReadOnlyList<Unit> units)
    {
        var names = units.ToDictionary(u => u.Code, u => u.Name);
        var order = OfficePages.UnitOrder(units);
        return new(year, month, [.. reports.OrderBy(r => order.GetValueOrDefault(r.UnitCode, int.MaxValue))
            .Select(r => ReportRow.From(r, names.GetValueOrDefault(r.UnitCode, r.UnitCode)))]);
    }
}

/// <summary>One unit's report on the approvals page while the office acts on it: whether it is chosen, the reason typed, what was refused.</summary>
public sealed class ReportLine(ReportRow row)
{
    public ReportRow Row { get; set; } = row;
    public bool Selected { get; set; }
    public string Reason { get; set; } = "";
    public string? ReasonError { get; set; }
}

/// <summary>What an action on several reports did: the units done, and each refused one with why.</summary>
public sealed record BulkOutcome(IReadOnlyList<string> Done, IReadOnlyDictionary<string, Problem> Refused)
{
    private const int Parallel = 8;

    /// <summary>
    /// Acts on every unit; a refusal is kept beside its unit and the others go on. A session that ended ends the whole
    /// action (the person signs in again).
    /// </summary>
    public static async Task<BulkOutcome> RunAsync(IEnumerable<string> units, Func<string, Task> act, IStringLocalizer<Strings> l)
    {
        var done = new System.Collections.Concurrent.ConcurrentBag<string>();
        var refused = new System.Collections.Concurrent.ConcurrentDictionary<string, Problem>();
        await System.Threading.Tasks.Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (unit, _) =>
        {
            try
            {
                await act(unit);
                done.Add(unit);
            }
            catch (RpcException e) when (e.StatusCode != StatusCode.Unauthenticated)
            {
                refused[unit] = Problems.Of(e, l);
            }
        });
        return new BulkOutcome([.. done.Order(StringComparer.Ordinal)], refused);
    }
}
