using System.Text.Json;
using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Domain;
using TuyPhuoc.Submissions.Grpc;
using TuyPhuoc.Submissions.Plans;

namespace TuyPhuoc.Submissions.Data;

/// <summary>A report as shown to callers: the stored one (or the one not sent yet) with its deadline and what it lacks.</summary>
public sealed record ReportView(Report Report, ReportStatus ListedStatus, DateOnly Deadline, int DaysLate, IReadOnlyList<string> MissingIndicators);

public sealed record TimelinessEntry(string UnitCode, int Year, int Month, Timeliness Timeliness, int DaysLate, DateOnly Deadline, DateOnly? FirstSubmittedOn)
{
    public string Key => $"{UnitCode} {Month:00}";
}

/// <summary>The submissions' use cases over the database: reads, and writes that record their change-log entry in the same transaction.</summary>
public sealed class SubmissionsStore(SubmissionsDbContext db, ChangeSignal signal, PlanViews plans, ReportingClock clock)
{
    public const string RevisedKind = "actual.revised";

    public DateOnly Today => clock.Today;

    /// <summary>Runs a write once per idempotency key: a retry with the same request gets the first answer and stores nothing.</summary>
    public async Task<TResponse> WriteAsync<TResponse>(string operation, string? idempotencyKey, IMessage request,
        MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write, CancellationToken ct)
        where TResponse : class, IMessage<TResponse>
    {
        var response = await db.WriteOnceAsync(operation, idempotencyKey, request, parser, write, ct);
        signal.Pulse();
        return response;
    }

    public static string RevisionData(int revision) => JsonSerializer.Serialize(new RevisionRef(revision));

    internal sealed record RevisionRef(int Revision);

    public async Task<List<ActualRevision>> RevisionsAsync(string unit, string indicator, int year, int month, CancellationToken ct) =>
        await db.Revisions.AsNoTracking()
            .Where(r => r.UnitCode == unit && r.Year == year && r.IndicatorCode == indicator && r.Month == month)
            .OrderBy(r => r.Revision)
            .ToListAsync(ct);

    /// <summary>The latest revision of each cell of a unit's year, ordered by indicator and month.</summary>
    public async Task<List<ActualRevision>> LatestAsync(string unit, int year, string? indicator, int? month, CancellationToken ct)
    {
        var cells = db.Revisions.AsNoTracking().Where(r => r.UnitCode == unit && r.Year == year);
        if (indicator is not null) cells = cells.Where(r => r.IndicatorCode == indicator);
        if (month is not null) cells = cells.Where(r => r.Month == month);
        var latest = await cells
            .GroupBy(r => new { r.IndicatorCode, r.Month })
            .Select(g => g.OrderByDescending(r => r.Revision).First())
            .ToListAsync(ct);
        return [.. latest.OrderBy(r => r.IndicatorCode, StringComparer.Ordinal).ThenBy(r => r.Month)];
    }

    // Reports

    public async Task<int> DeadlineDayAsync(int year, CancellationToken ct) =>
        (await db.Deadlines.AsNoTracking().SingleOrDefaultAsync(d => d.Year == year, ct))?.DayOfFollowingMonth ?? ReportingCalendar.DefaultDeadlineDay;

    public async Task<ReportView> ReportAsync(string unit, int year, int month, CancellationToken ct)
    {
        ValidatePeriod(year, month);
        var report = await db.Reports.AsNoTracking().Include(r => r.Events.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(r => r.UnitCode == unit && r.Year == year && r.Month == month, ct);
        var plan = await plans.GetAsync(year, ct);
        if (report is null && (plan is null || !plan.Units.ContainsKey(unit))) throw new NotFoundException($"Unit {Shorten(unit)} has no report for {year}-{month:00}.");
        return await ViewAsync(report ?? new Report { UnitCode = unit, Year = year, Month = month }, report is not null, plan,
            await DeadlineDayAsync(year, ct), ct);
    }

    public async Task<ReportView> SubmitReportAsync(Caller caller, string unit, int year, int month, DateOnly? receivedOn, CancellationToken ct)
    {
        caller.EnsureMayActFor(unit);
        ValidatePeriod(year, month);
        if (receivedOn is { } day)
        {
            if (!caller.IsPlanningOffice) throw new PermissionDeniedException("Only the planning office may record the day a report was received.");
            ReportingCalendar.ValidateReceivedOn(day, year, month, Today);
        }
        var plan = await plans.GetAsync(year, p => p.ExpectedIn(unit, month).Count > 0, ct);
        if (plan is null || !plan.Units.ContainsKey(unit)) throw new InvalidInputException("unit_code", $"'{Shorten(unit)}' is not a unit of {year}");
        var expected = plan.ExpectedIn(unit, month);
        if (expected.Count == 0) throw new FailedPreconditionException($"{unit} has nothing to report for {year}-{month:00}.");

        var report = await LockReportAsync(unit, year, month, ct) ?? db.Reports.Add(new Report { UnitCode = unit, Year = year, Month = month }).Entity;
        var missing = expected.Except(await FilledAsync(unit, year, month, ct)).ToList();
        ReportWorkflow.Submit(report, missing, receivedOn ?? Today, receivedOn is { } d ? clock.StartOf(d) : clock.Now, caller.Subject);
        return await LogReportAsync("report.submitted", report, plan, year, ct);
    }

    public Task<ReportView> ApproveReportAsync(Caller caller, string unit, int year, int month, CancellationToken ct) =>
        ChangeReportAsync(unit, year, month, "report.approved", r => ReportWorkflow.Approve(r, clock.Now, caller.Subject), ct);

    public Task<ReportView> ReturnReportAsync(Caller caller, string unit, int year, int month, string reason, CancellationToken ct)
    {
        ReportWorkflow.RequireReason(reason);
        return ChangeReportAsync(unit, year, month, "report.returned", r => ReportWorkflow.Return(r, reason, clock.Now, caller.Subject), ct);
    }

    public Task<ReportView> ReopenReportAsync(Caller caller, string unit, int year, int month, string reason, CancellationToken ct)
    {
        ReportWorkflow.RequireReason(reason);
        return ChangeReportAsync(unit, year, month, "report.reopened", r => ReportWorkflow.Reopen(r, reason, clock.Now, caller.Subject), ct);
    }

    private async Task<ReportView> ChangeReportAsync(string unit, int year, int month, string kind, Action<Report> change, CancellationToken ct)
    {
        ValidatePeriod(year, month);
        var report = await LockReportAsync(unit, year, month, ct)
            ?? throw new NotFoundException($"{Shorten(unit)} has not sent its report for {year}-{month:00}.");
        change(report);
        return await LogReportAsync(kind, report, await plans.GetAsync(year, ct), year, ct);
    }

    private async Task<Report?> LockReportAsync(string unit, int year, int month, CancellationToken ct)
    {
        // Waits for the writes in flight to the month, and keeps new ones out until this change commits.
        await db.Database.ExecuteSqlRawAsync(ActualsSql.LockMonth, [unit, year, month], ct);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM reports WHERE "UnitCode" = {unit} AND "Year" = {year} AND "Month" = {month} FOR UPDATE""", ct);
        return await db.Reports.Include(r => r.Events.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(r => r.UnitCode == unit && r.Year == year && r.Month == month, ct);
    }

    private async Task<ReportView> LogReportAsync(string kind, Report report, PlanView? plan, int year, CancellationToken ct)
    {
        var view = await ViewAsync(report, true, plan, await DeadlineDayAsync(year, ct), ct);
        db.ChangeLog.Add(ChangeLogEntry.For(kind, report.Key, JsonFormatter.Default.Format(view.ToProto())));
        return view;
    }

    private async Task<HashSet<string>> FilledAsync(string unit, int year, int month, CancellationToken ct) =>
        (await db.Revisions.Where(r => r.UnitCode == unit && r.Year == year && r.Month == month).Select(r => r.IndicatorCode).Distinct().ToListAsync(ct))
        .ToHashSet();

    private async Task<ReportView> ViewAsync(Report report, bool stored, PlanView? plan, int deadlineDay, CancellationToken ct)
    {
        var deadline = ReportingCalendar.Deadline(report.Year, report.Month, deadlineDay);
        var expected = plan?.ExpectedIn(report.UnitCode, report.Month) ?? [];
        var filled = await FilledAsync(report.UnitCode, report.Year, report.Month, ct);
        var (_, daysLate) = ReportingCalendar.Judge(deadline, report.FirstSubmittedOn, Today);
        var listed = ReportWorkflow.Listed(stored ? report.Status : null, deadline, Today);
        return new ReportView(report, listed, deadline, daysLate, [.. expected.Where(c => !filled.Contains(c))]);
    }

    /// <summary>Every report of a month: those of the units that owe one (missing ones too) and any other stored.</summary>
    public async Task<List<ReportView>> ReportsAsync(int year, int month, string? onlyUnit, CancellationToken ct)
    {
        ValidatePeriod(year, month);
        var plan = await plans.GetAsync(year, ct);
        var stored = await db.Reports.AsNoTracking().Include(r => r.Events.OrderBy(e => e.Id))
            .Where(r => r.Year == year && r.Month == month && (onlyUnit == null || r.UnitCode == onlyUnit))
            .ToDictionaryAsync(r => r.UnitCode, ct);
        var units = (plan?.ReportingUnits(month) ?? []).Where(u => onlyUnit is null || u == onlyUnit).Union(stored.Keys).Order(StringComparer.Ordinal);
        var deadlineDay = await DeadlineDayAsync(year, ct);
        var filled = (await db.Revisions.AsNoTracking()
                .Where(r => r.Year == year && r.Month == month && (onlyUnit == null || r.UnitCode == onlyUnit))
                .Select(r => new { r.UnitCode, r.IndicatorCode }).Distinct().ToListAsync(ct))
            .ToLookup(x => x.UnitCode, x => x.IndicatorCode);
        var deadline = ReportingCalendar.Deadline(year, month, deadlineDay);
        return [.. units.Select(unit =>
        {
            var found = stored.GetValueOrDefault(unit);
            var report = found ?? new Report { UnitCode = unit, Year = year, Month = month };
            var have = filled[unit].ToHashSet();
            var (_, daysLate) = ReportingCalendar.Judge(deadline, report.FirstSubmittedOn, Today);
            return new ReportView(report, ReportWorkflow.Listed(found?.Status, deadline, Today), deadline, daysLate,
                [.. (plan?.ExpectedIn(unit, month) ?? []).Where(c => !have.Contains(c))]);
        })];
    }

    /// <summary>On time, late or missing for each unit that owes a report, for every month of the year that has begun.</summary>
    public async Task<List<TimelinessEntry>> TimelinessAsync(int year, string? unit, int? month, CancellationToken ct)
    {
        var violations = new Violations();
        violations.Require(year >= ActualRules.MinYear && year <= Today.Year + 1, "year", $"must be between {ActualRules.MinYear} and {Today.Year + 1}");
        violations.Require(month is null or (>= 1 and <= 12), "month", "must be between 1 and 12");
        violations.ThrowIfAny();
        var plan = await plans.GetAsync(year, ct);
        if (plan is null) return [];
        var deadlineDay = await DeadlineDayAsync(year, ct);
        var sent = await db.Reports.AsNoTracking()
            .Where(r => r.Year == year && r.FirstSubmittedOn != null && (unit == null || r.UnitCode == unit))
            .ToDictionaryAsync(r => (r.UnitCode, r.Month), r => r.FirstSubmittedOn, ct);
        var months = Enumerable.Range(1, 12).Where(m => (month is null || m == month) && (year, m).CompareTo((Today.Year, Today.Month)) <= 0);
        // One unit's months without going over every unit: the emulation scoring asks this of each unit in turn.
        IReadOnlyList<string> Reporting(int m) => unit is null ? plan.ReportingUnits(m) : plan.ExpectedIn(unit, m).Count > 0 ? [unit] : [];
        var entries = from m in months
                      from u in Reporting(m)
                      let deadline = ReportingCalendar.Deadline(year, m, deadlineDay)
                      let first = sent.GetValueOrDefault((u, m))
                      let judged = ReportingCalendar.Judge(deadline, first, Today)
                      select new TimelinessEntry(u, year, m, judged.Timeliness, judged.DaysLate, deadline, first);
        return [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    public async Task<DeadlineSetting> SetDeadlinesAsync(int year, int day, CancellationToken ct)
    {
        ReportingCalendar.ValidateDeadlineDay(year, day, Today);
        var setting = await db.Deadlines.SingleOrDefaultAsync(d => d.Year == year, ct) ?? db.Deadlines.Add(new DeadlineSetting { Year = year }).Entity;
        setting.DayOfFollowingMonth = day;
        db.ChangeLog.Add(ChangeLogEntry.For("deadlines.set", year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonFormatter.Default.Format(setting.ToProto())));
        return setting;
    }

    // Escalations

    public async Task<Escalation> RaiseEscalationAsync(Caller caller, string unit, int year, IReadOnlyList<string> indicators, string title,
        string description, CancellationToken ct)
    {
        if (year < ActualRules.MinYear || year > Today.Year + 1) throw new InvalidInputException("year", $"must be between {ActualRules.MinYear} and {Today.Year + 1}");
        var plan = await plans.GetAsync(year, p => p.Units.ContainsKey(unit) && indicators.All(p.Indicators.ContainsKey), ct);
        var escalation = EscalationWorkflow.Raise(caller, unit, year, indicators, title, description, plan, clock.Now);
        db.Escalations.Add(escalation);
        return LogEscalation("escalation.raised", escalation);
    }

    public async Task<Escalation> AssignEscalationAsync(Caller caller, Guid id, string office, DateOnly? dueDate, CancellationToken ct)
    {
        var escalation = await LockEscalationAsync(id, ct);
        var plan = await plans.GetAsync(escalation.Year, p => p.Units.ContainsKey(office), ct);
        EscalationWorkflow.Assign(escalation, office, dueDate, plan, clock.Now, Today, caller.Subject);
        return LogEscalation("escalation.assigned", escalation);
    }

    public async Task<Escalation> AnswerEscalationAsync(Caller caller, Guid id, string answer, CancellationToken ct)
    {
        var escalation = await LockEscalationAsync(id, ct);
        EscalationWorkflow.Answer(escalation, caller, answer, clock.Now);
        return LogEscalation("escalation.answered", escalation);
    }

    public async Task<Escalation> CloseEscalationAsync(Caller caller, Guid id, string note, CancellationToken ct)
    {
        var escalation = await LockEscalationAsync(id, ct);
        EscalationWorkflow.Close(escalation, caller, note, clock.Now);
        return LogEscalation("escalation.closed", escalation);
    }

    public async Task<Escalation> EscalationAsync(Guid id, CancellationToken ct) =>
        await db.Escalations.AsNoTracking().Include(e => e.Steps.OrderBy(s => s.Id)).SingleOrDefaultAsync(e => e.Id == id, ct)
        ?? throw new NotFoundException($"Escalation {id} does not exist.");

    public async Task<List<Escalation>> EscalationsAsync(int year, CancellationToken ct) =>
        await db.Escalations.AsNoTracking().Include(e => e.Steps.OrderBy(s => s.Id)).Where(e => e.Year == year).OrderBy(e => e.Id).ToListAsync(ct);

    private async Task<Escalation> LockEscalationAsync(Guid id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM escalations WHERE "Id" = {id} FOR UPDATE""", ct);
        return await db.Escalations.Include(e => e.Steps.OrderBy(s => s.Id)).SingleOrDefaultAsync(e => e.Id == id, ct)
            ?? throw new NotFoundException($"Escalation {id} does not exist.");
    }

    private Escalation LogEscalation(string kind, Escalation escalation)
    {
        db.ChangeLog.Add(ChangeLogEntry.For(kind, escalation.Id.ToString(), JsonFormatter.Default.Format(escalation.ToProto(Today))));
        return escalation;
    }

    // Change feed

    /// <summary>The next entries after a sequence, with the revision each actual.revised entry names.</summary>
    public async Task<(List<ChangeLogEntry> Entries, Dictionary<long, ActualRevision> Revisions)> ChangesAfterAsync(long after, CancellationToken ct)
    {
        var entries = await db.ReadAfterAsync(after, 500, ct);
        var revised = entries.Where(e => e.Kind == RevisedKind).ToList();
        var revisions = new Dictionary<long, ActualRevision>();
        if (revised.Count == 0) return (entries, revisions);
        var refs = revised.Select(e => (Entry: e, Cell: e.Key.Split('/'), JsonSerializer.Deserialize<RevisionRef>(e.Data)!.Revision)).ToList();
        var units = refs.Select(r => r.Cell[0]).ToArray();
        var indicators = refs.Select(r => r.Cell[1]).ToArray();
        var years = refs.Select(r => int.Parse(r.Cell[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var months = refs.Select(r => int.Parse(r.Cell[3], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var numbers = refs.Select(r => r.Revision).ToArray();
        var found = await db.Revisions.FromSql($"""
            SELECT r.* FROM actual_revisions r
            JOIN unnest({units}, {indicators}, {years}, {months}, {numbers}) AS k(u, i, y, m, n)
              ON r."UnitCode" = k.u AND r."IndicatorCode" = k.i AND r."Year" = k.y AND r."Month" = k.m AND r."Revision" = k.n
            """).AsNoTracking().ToListAsync(ct);
        var byKey = found.ToDictionary(r => (r.CellKey, r.Revision));
        foreach (var r in refs)
        {
            if (byKey.TryGetValue((r.Entry.Key, r.Revision), out var revision)) revisions[r.Entry.Sequence!.Value] = revision;
        }
        return (entries, revisions);
    }

    public async Task<long> LatestSequenceAsync(CancellationToken ct) =>
        await db.ChangeLog.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private void ValidatePeriod(int year, int month)
    {
        var violations = new Violations();
        ActualRules.CheckPeriod(year, month, Today, (field, description) => violations.Add(field, description));
        violations.ThrowIfAny();
    }
}
