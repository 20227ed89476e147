namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// What an announcement freezes of a quarter: the quarterly report as it stands, the plan in force at the quarter's end
/// (what the quarter was judged against), the catalog and the units, and the values of the quarter's months that carry
/// causes or solutions, read from every unit the plan assigns indicators to.
/// </summary>
public sealed class AnnouncementContent(Reports reports, PlanReader plans, Submissions.Submissions.SubmissionsClient submissions)
{
    private const int ParallelReads = 8;

    public async Task<Proto.Announcement> TakeAsync(CallerScope caller, int year, int quarter, CancellationToken ct)
    {
        var plan = await plans.GetAsync(year, ct) ?? throw new FailedPreconditionException($"{year} has no plan.");
        var report = await reports.QuarterReportAsync(caller, year, quarter, ct);
        var notes = new ConcurrentBag<Submissions.ActualRevision>();
        await Parallel.ForEachAsync(plan.Assignments.Keys, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (unit, token) =>
        {
            await foreach (var actual in Paging.AllAsync(
                t => submissions.ListActualsAsync(new Submissions.ListActualsRequest { UnitCode = unit, Year = year, PageSize = Paging.MaxPageSize, PageToken = t }, cancellationToken: token).ResponseAsync,
                page => (page.Actuals, page.NextPageToken)))
            {
                if (PlanCalendar.QuarterOf(actual.Month) == quarter && actual.Note.Length + actual.Solutions.Length > 0) notes.Add(actual);
            }
        });
        return new Proto.Announcement
        {
            Year = year, Quarter = quarter, Report = report,
            Targets = { plan.AtQuarterEnds[quarter - 1].Targets }, Indicators = { plan.Catalog.Values.OrderBy(i => i.Code, StringComparer.Ordinal) },
            Units = { plan.Units.Values.OrderBy(u => u.Code, StringComparer.Ordinal) },
            Notes = { notes.OrderBy(n => n.UnitCode, StringComparer.Ordinal).ThenBy(n => n.IndicatorCode, StringComparer.Ordinal).ThenBy(n => n.Month) },
        };
    }
}
