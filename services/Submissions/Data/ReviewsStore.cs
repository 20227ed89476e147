namespace TuyPhuoc.Submissions.Data;

/// <summary>The offices' quarterly reviews and the block leaders' directions, each write with its change-log entry.</summary>
public sealed class ReviewsStore(SubmissionsDbContext db, PlanViews plans, ReportsStore reports, DistrictClock clock)
{
    public DateOnly Today => clock.Today;

    public async Task<Proto.OfficeReview> FileAsync(Caller caller, string office, int year, int quarter, string summary,
        IReadOnlyList<ReviewItem> items, CancellationToken ct)
    {
        new Violations().RequirePlanYear(year, Today).ThrowIfAny();
        var plan = await plans.GetAsync(year, p => p.Units.ContainsKey(office), ct);
        await db.Database.ExecuteSqlAsync($"""SELECT pg_advisory_xact_lock(hashtext({$"review {office} {year} {quarter}"}))""", ct);
        var filed = await db.Reviews.SingleOrDefaultAsync(r => r.OfficeCode == office && r.Year == year && r.Quarter == quarter, ct);
        var review = ReviewRules.File(caller, office, year, quarter, summary, items, plan, filed, clock.Now, Today);
        if (filed is null) db.Reviews.Add(review);
        var view = await ViewAsync(review, plan, ct);
        db.ChangeLog.Add(ChangeLogEntry.For(ChangeKinds.ReviewFiled, $"{office}/{year}/{quarter}", JsonFormatter.Default.Format(view)));
        return view;
    }

    /// <summary>Every office that owes the quarter's review, filed or not, among those <paramref name="sees"/>.</summary>
    public async Task<List<Proto.OfficeReview>> ListAsync(int year, int quarter, Func<string, bool> sees, CancellationToken ct)
    {
        RequireQuarter(year, quarter);
        var plan = await plans.GetAsync(year, ct);
        if (plan is null) return [];
        var filed = await db.Reviews.AsNoTracking().Where(r => r.Year == year && r.Quarter == quarter).ToDictionaryAsync(r => r.OfficeCode, ct);
        var views = new List<Proto.OfficeReview>();
        foreach (var office in plan.Units.Values.Where(u => u.Kind == UnitKind.Office && sees(u.Code) && plan.AnsweredBy(u.Code).Count > 0).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            views.Add(await ViewAsync(filed.GetValueOrDefault(office.Code) ?? new OfficeReview { OfficeCode = office.Code, Year = year, Quarter = quarter }, plan, ct));
        }
        return views;
    }

    public async Task<Proto.OfficeReview> GetAsync(string office, int year, int quarter, CancellationToken ct)
    {
        RequireQuarter(year, quarter);
        var filed = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.OfficeCode == office && r.Year == year && r.Quarter == quarter, ct);
        return await ViewAsync(filed ?? new OfficeReview { OfficeCode = office, Year = year, Quarter = quarter }, await plans.GetAsync(year, ct), ct);
    }

    public async Task<LeaderDirection> GiveAsync(CallerScope leader, int year, int quarter, string unit, string? indicator, bool onReview, string text, CancellationToken ct)
    {
        new Violations().RequirePlanYear(year, Today).ThrowIfAny();
        var plan = await plans.GetAsync(year, p => p.Units.ContainsKey(unit), ct);
        var reviewFiled = onReview && await db.Reviews.AnyAsync(r => r.OfficeCode == unit && r.Year == year && r.Quarter == quarter, ct);
        var direction = DirectionRules.Give(leader.Subject, leader.Block ?? "", year, quarter, unit, indicator, onReview, text, plan, reviewFiled, clock.Now, Today);
        db.Directions.Add(direction);
        return Log(ChangeKinds.DirectionGiven, direction);
    }

    public async Task<LeaderDirection> AnswerAsync(Caller caller, Guid id, string answer, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM directions WHERE "Id" = {id} FOR UPDATE""", ct);
        var direction = await db.Directions.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException($"Direction {id} does not exist.");
        DirectionRules.Answer(direction, caller, answer, clock.Now);
        return Log(ChangeKinds.DirectionAnswered, direction);
    }

    public async Task<List<LeaderDirection>> DirectionsAsync(int year, CancellationToken ct) =>
        await db.Directions.AsNoTracking().Where(d => d.Year == year).OrderBy(d => d.Id).ToListAsync(ct);

    private void RequireQuarter(int year, int quarter) =>
        new Violations().RequirePlanYear(year, Today).Require(quarter is >= 1 and <= 4, "quarter", "must be between 1 and 4").ThrowIfAny();

    private async Task<Proto.OfficeReview> ViewAsync(OfficeReview review, PlanView? plan, CancellationToken ct)
    {
        var deadline = ReviewRules.Deadline(review.Year, review.Quarter, await reports.DeadlineDayAsync(review.Year, ct));
        var filed = review.FiledBy.Length > 0;
        var (timeliness, daysLate) = ReportingCalendar.Judge(deadline, filed ? clock.DayOf(review.FirstFiledAt) : null, Today);
        return review.ToProto(deadline, timeliness, daysLate, plan?.Units.GetValueOrDefault(review.OfficeCode)?.Block);
    }

    private LeaderDirection Log(string kind, LeaderDirection direction)
    {
        db.ChangeLog.Add(ChangeLogEntry.For(kind, direction.Id.ToString(), JsonFormatter.Default.Format(direction.ToProto())));
        return direction;
    }
}
