namespace TuyPhuoc.Submissions.Data;

/// <summary>Monthly reports and their deadlines: each step of <see cref="ReportWorkflow"/> on the month locked, with its change-log entry.</summary>
public sealed class ReportsStore(SubmissionsDbContext db, PlanViews plans, DistrictClock clock)
{
    public DistrictClock Clock => clock;

    public DateOnly Today => clock.Today;

    public async Task<int> DeadlineDayAsync(int year, CancellationToken ct) =>
        (await db.Deadlines.AsNoTracking().SingleOrDefaultAsync(d => d.Year == year, ct))?.DayOfFollowingMonth ?? ReportingCalendar.DefaultDeadlineDay;

    public async Task<ReportView> GetAsync(string unit, int year, int month, CancellationToken ct)
    {
        ValidatePeriod(year, month);
        var report = await db.Reports.AsNoTracking().Include(r => r.Events.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(r => r.UnitCode == unit && r.Year == year && r.Month == month, ct);
        var plan = await plans.GetAsync(year, ct);
        if (report is null && (plan is null || !plan.Units.ContainsKey(unit))) throw new NotFoundException($"Unit {InputBounds.Quote(unit)} has no report for {year}-{month:00}.");
        return await ViewAsync(report ?? new Report { UnitCode = unit, Year = year, Month = month }, report is not null, plan, ct);
    }

    public async Task<ReportView> SubmitAsync(Caller caller, string unit, int year, int month, DateOnly? receivedOn, CancellationToken ct)
    {
        caller.EnsureMayActFor(unit);
        ValidatePeriod(year, month);
        if (receivedOn is { } day)
        {
            if (!caller.IsPlanningOffice) throw new PermissionDeniedException("Only the planning office may record the day a report was received.");
            ReportingCalendar.ValidateReceivedOn(day, year, month, Today);
        }
        var plan = await plans.GetAsync(year, p => p.ExpectedIn(unit, month).Count > 0, ct);
        if (plan is null || !plan.Units.ContainsKey(unit)) throw new InvalidInputException("unit_code", $"'{InputBounds.Quote(unit)}' is not a unit of {year}");
        var expected = plan.ExpectedIn(unit, month);
        if (expected.Count == 0) throw new FailedPreconditionException($"{unit} has nothing to report for {year}-{month:00}.");

        var report = await LockAsync(unit, year, month, ct) ?? db.Reports.Add(new Report { UnitCode = unit, Year = year, Month = month }).Entity;
        var missing = expected.Except(await FilledAsync(unit, year, month, ct)).ToList();
        ReportWorkflow.Submit(report, missing, receivedOn ?? Today, receivedOn is { } d ? clock.StartOf(d) : clock.Now, caller.Subject);
        return await LogAsync(ChangeKinds.ReportSubmitted, report, plan, ct);
    }

    public Task<ReportView> ApproveAsync(Caller caller, string unit, int year, int month, CancellationToken ct) =>
        ChangeAsync(unit, year, month, ChangeKinds.ReportApproved, r => ReportWorkflow.Approve(r, clock.Now, caller.Subject), ct);

    public Task<ReportView> ReturnAsync(Caller caller, string unit, int year, int month, string reason, CancellationToken ct)
    {
        ReportWorkflow.RequireReason(reason);
        return ChangeAsync(unit, year, month, ChangeKinds.ReportReturned, r => ReportWorkflow.Return(r, reason, clock.Now, caller.Subject), ct);
    }

    public Task<ReportView> ReopenAsync(Caller caller, string unit, int year, int month, string reason, CancellationToken ct)
    {
        ReportWorkflow.RequireReason(reason);
        return ChangeAsync(unit, year, month, ChangeKinds.ReportReopened, r => ReportWorkflow.Reopen(r, reason, clock.Now, caller.Subject), ct);
    }

    /// <summary>Every report of a month: those of the units that owe one (missing ones too) and any other stored.</summary>
    public async Task<List<ReportView>> ListAsync(int year, int month, string? onlyUnit, CancellationToken ct)
    {
        ValidatePeriod(year, month);
        var plan = await plans.GetAsync(year, ct);
        var stored = await db.Reports.AsNoTracking().Include(r => r.Events.OrderBy(e => e.Id))
            .Where(r => r.Year == year && r.Month == month && (onlyUnit == null || r.UnitCode == onlyUnit))
            .ToDictionaryAsync(r => r.UnitCode, ct);
        var units = (plan?.ReportingUnits(month) ?? []).Where(u => onlyUnit is null || u == onlyUnit).Union(stored.Keys).Order(StringComparer.Ordinal);
        var filled = (await db.Revisions.AsNoTracking()
                .Where(r => r.Year == year && r.Month == month && (onlyUnit == null || r.UnitCode == onlyUnit))
                .Select(r => new { r.UnitCode, r.IndicatorCode }).Distinct().ToListAsync(ct))
            .ToLookup(x => x.UnitCode, x => x.IndicatorCode);
        var deadline = ReportingCalendar.Deadline(year, month, await DeadlineDayAsync(year, ct));
        return [.. units.Select(unit => View(stored.GetValueOrDefault(unit) ?? new Report { UnitCode = unit, Year = year, Month = month },
            stored.ContainsKey(unit), plan, deadline, filled[unit].ToHashSet()))];
    }

    /// <summary>On time, late or missing for each unit that owes a report, for every month of the year that has begun.</summary>
    public async Task<List<TimelinessEntry>> TimelinessAsync(int year, string? unit, int? month, CancellationToken ct)
    {
        new Violations().RequirePlanYear(year, Today).Require(month is null or (>= 1 and <= 12), "month", "must be between 1 and 12").ThrowIfAny();
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
        db.ChangeLog.Add(ChangeLogEntry.For(ChangeKinds.DeadlinesSet, year.ToString(CultureInfo.InvariantCulture), JsonFormatter.Default.Format(setting.ToProto())));
        return setting;
    }

    private async Task<ReportView> ChangeAsync(string unit, int year, int month, string kind, Action<Report> change, CancellationToken ct)
    {
        ValidatePeriod(year, month);
        var report = await LockAsync(unit, year, month, ct)
            ?? throw new NotFoundException($"{InputBounds.Quote(unit)} has not sent its report for {year}-{month:00}.");
        change(report);
        return await LogAsync(kind, report, await plans.GetAsync(year, ct), ct);
    }

    private async Task<Report?> LockAsync(string unit, int year, int month, CancellationToken ct)
    {
        // Waits for the writes in flight to the month, and keeps new ones out until this change commits.
        await db.Database.ExecuteSqlRawAsync(ActualsSql.LockMonth, [unit, year, month], ct);
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM reports WHERE "UnitCode" = {unit} AND "Year" = {year} AND "Month" = {month} FOR UPDATE""", ct);
        return await db.Reports.Include(r => r.Events.OrderBy(e => e.Id))
            .SingleOrDefaultAsync(r => r.UnitCode == unit && r.Year == year && r.Month == month, ct);
    }

    private async Task<ReportView> LogAsync(string kind, Report report, PlanView? plan, CancellationToken ct)
    {
        var view = await ViewAsync(report, true, plan, ct);
        db.ChangeLog.Add(ChangeLogEntry.For(kind, report.Key, JsonFormatter.Default.Format(view.ToProto())));
        return view;
    }

    private async Task<HashSet<string>> FilledAsync(string unit, int year, int month, CancellationToken ct) =>
        (await db.Revisions.Where(r => r.UnitCode == unit && r.Year == year && r.Month == month).Select(r => r.IndicatorCode).Distinct().ToListAsync(ct))
        .ToHashSet();

    private async Task<ReportView> ViewAsync(Report report, bool stored, PlanView? plan, CancellationToken ct) =>
        View(report, stored, plan, ReportingCalendar.Deadline(report.Year, report.Month, await DeadlineDayAsync(report.Year, ct)),
            await FilledAsync(report.UnitCode, report.Year, report.Month, ct));

    private ReportView View(Report report, bool stored, PlanView? plan, DateOnly deadline, IReadOnlySet<string> filled)
    {
        var (_, daysLate) = ReportingCalendar.Judge(deadline, report.FirstSubmittedOn, Today);
        return new ReportView(report, ReportWorkflow.Listed(stored ? report.Status : null, deadline, Today), deadline, daysLate,
            [.. (plan?.ExpectedIn(report.UnitCode, report.Month) ?? []).Where(c => !filled.Contains(c))]);
    }

    private void ValidatePeriod(int year, int month)
    {
        var violations = new Violations();
        ActualRules.CheckPeriod(year, month, Today, (field, description) => violations.Add(field, description));
        violations.ThrowIfAny();
    }
}
