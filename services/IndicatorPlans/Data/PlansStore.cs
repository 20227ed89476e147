using System.Text.Json;
using Google.Protobuf;

namespace TuyPhuoc.IndicatorPlans.Data;

/// <summary>The plans' use cases over the database: reads, and writes that record their change-log entry in the same transaction.</summary>
public sealed class PlansStore(PlansDbContext db, ChangeSignal signal, DistrictClock clock)
{
    public DateOnly Today => clock.Today;

    // Read once per request: a plan is validated, warned about and mapped against the same catalog.
    private Dictionary<string, Indicator>? _catalog;

    public async Task<Dictionary<string, OrgUnit>> UnitsAsync(CancellationToken ct) =>
        await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, ct);

    public async Task<Dictionary<string, Indicator>> CatalogAsync(CancellationToken ct) =>
        _catalog ??= await db.Indicators.AsNoTracking().ToDictionaryAsync(i => i.Code, ct);

    public Task<List<BlockInfo>> BlocksAsync(CancellationToken ct) => db.Blocks.AsNoTracking().OrderBy(b => b.Block).ToListAsync(ct);

    public async Task<Indicator> IndicatorAsync(string code, CancellationToken ct) =>
        await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct)
        ?? throw new NotFoundException($"Indicator {code} does not exist.");

    public Task<List<PlanRevision>> RevisionsAsync(int year, CancellationToken ct) =>
        db.Revisions.AsNoTracking().Include(r => r.Targets).Where(r => r.Year == year).OrderBy(r => r.Number).ToListAsync(ct);

    /// <summary>The plan of a year as it stood on a date (none: <see cref="PlanRules.ReadOn"/>): the revision in force and every target in force.</summary>
    public async Task<(PlanRevision Revision, IReadOnlyList<PlanTarget> Targets)> PlanAsync(int year, DateOnly? day, CancellationToken ct)
    {
        var revisions = await RevisionsAsync(year, ct);
        var asOf = day ?? PlanRules.ReadOn(year, Today, revisions);
        var inForce = PlanRules.RevisionsInForce(revisions, asOf);
        if (inForce.Count == 0) throw new NotFoundException($"No plan for {year} was in force on {asOf:yyyy-MM-dd}.");
        return (inForce[^1], PlanRules.InForce(inForce, asOf));
    }

    public async Task<OrgUnit> CreateUnitAsync(OrgUnit unit, CancellationToken ct)
    {
        var violations = new Violations();
        CatalogRules.ValidateNewUnit(unit, await UnitsAsync(ct), violations);
        db.Units.Add(unit);
        Log(ChangeKinds.UnitCreated, unit.Code, state: unit.ToProto());
        return unit;
    }

    public async Task<OrgUnit> CloseUnitAsync(string code, DateOnly closedFrom, string? mergedInto, CancellationToken ct)
    {
        var units = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        if (!units.TryGetValue(code, out var unit)) throw new NotFoundException($"Unit {code} does not exist.");
        CatalogRules.Close(unit, closedFrom, mergedInto, units);
        Log(ChangeKinds.UnitClosed, unit.Code, state: unit.ToProto());
        return unit;
    }

    public async Task<OrgUnit> RenameUnitAsync(string code, string name, CancellationToken ct)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == code, ct) ?? throw new NotFoundException($"Unit {code} does not exist.");
        CatalogRules.Rename(unit, name, Today);
        Log(ChangeKinds.UnitRenamed, unit.Code, state: unit.ToProto());
        return unit;
    }

    public async Task<Indicator> UpdateIndicatorAsync(Indicator edited, CancellationToken ct)
    {
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Code == edited.Code, ct) ?? throw new NotFoundException($"Indicator {edited.Code} does not exist.");
        CatalogRules.Update(indicator, edited, await UnitsAsync(ct));
        // One entry for each year that plans it, so that a follower re-reads just those years' results of it.
        var years = await db.Targets.Where(t => t.IndicatorCode == indicator.Code).Select(t => t.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        foreach (int? year in years.Count > 0 ? years.Cast<int?>() : [null]) Log(ChangeKinds.IndicatorUpdated, indicator.Code, year, [indicator.Code], indicator.ToProto());
        return indicator;
    }

    public async Task<Indicator> RetireIndicatorAsync(string code, int fromYear, CancellationToken ct)
    {
        var indicator = await db.Indicators.SingleOrDefaultAsync(i => i.Code == code, ct) ?? throw new NotFoundException($"Indicator {code} does not exist.");
        var plannedIn = await db.Targets.Where(t => t.IndicatorCode == code).Select(t => t.Year).Distinct().ToListAsync(ct);
        CatalogRules.Retire(indicator, fromYear, plannedIn, Today);
        Log(ChangeKinds.IndicatorRetired, indicator.Code, indicators: [indicator.Code], state: indicator.ToProto());
        return indicator;
    }

    public async Task<Indicator> CreateIndicatorAsync(Indicator indicator, CancellationToken ct)
    {
        var exists = await db.Indicators.AnyAsync(i => i.Code == indicator.Code, ct);
        CatalogRules.ValidateNewIndicator(indicator, await UnitsAsync(ct), exists, new Violations());
        db.Indicators.Add(indicator);
        Log(ChangeKinds.IndicatorCreated, indicator.Code, state: indicator.ToProto());
        return indicator;
    }

    public async Task<(PlanRevision Revision, List<PlanWarning> Warnings)> CreatePlanAsync(
        PlanRevision header, IReadOnlyList<TargetInput> targets, string recordedBy, CancellationToken ct)
    {
        var violations = ValidateHeader(header.Year, header.DecisionNumber, header.DecisionDate, header.EffectiveFrom);
        var (validated, warnings) = PlanRules.Validate(header.Year, 1, targets, await CatalogAsync(ct), await UnitsAsync(ct), header.EffectiveFrom, violations);
        violations.ThrowIfAny();
        if (await db.Revisions.AnyAsync(r => r.Year == header.Year, ct)) throw new AlreadyExistsException($"The plan for {header.Year} already exists; revise it instead.");
        return (Record(header, 1, validated, recordedBy, ChangeKinds.PlanCreated), warnings);
    }

    public async Task<(PlanRevision Revision, List<PlanWarning> Warnings)> RevisePlanAsync(
        PlanRevision header, IReadOnlyList<TargetInput> targets, string recordedBy, CancellationToken ct)
    {
        var violations = ValidateHeader(header.Year, header.DecisionNumber, header.DecisionDate, header.EffectiveFrom);
        violations.RequireText(header.Reason, "reason", 1000);
        var (validated, _) = PlanRules.Validate(header.Year, 0, targets, await CatalogAsync(ct), await UnitsAsync(ct), header.EffectiveFrom, violations);
        violations.ThrowIfAny();
        var latest = await db.Revisions.Where(r => r.Year == header.Year).OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"There is no plan for {header.Year} to revise.");
        if (header.EffectiveFrom < latest.EffectiveFrom)
        {
            throw new InvalidInputException("effective_from", $"must not precede revision {latest.Number}, in force from {latest.EffectiveFrom:yyyy-MM-dd}");
        }
        var number = latest.Number + 1;
        validated.ForEach(t => t.Revision = number);
        var revision = Record(header, number, validated, recordedBy, ChangeKinds.PlanRevised);
        var (_, inForce) = await PlanAsync(header.Year, header.EffectiveFrom, ct);
        var merged = inForce.Where(t => validated.All(v => v.IndicatorCode != t.IndicatorCode)).Concat(validated);
        return (revision, PlanRules.Warnings(merged, await CatalogAsync(ct)));
    }

    /// <summary>Runs a write once per idempotency key: a retry with the same request gets the first answer and stores nothing.</summary>
    public Task<TResponse> WriteAsync<TResponse>(string operation, string? idempotencyKey, IMessage request,
        MessageParser<TResponse> parser, Func<CancellationToken, Task<TResponse>> write, CancellationToken ct)
        where TResponse : class, IMessage<TResponse> =>
        signal.WriteOnceAsync(db, operation, idempotencyKey, request, parser, write, ct);

    public Task<List<ChangeLogEntry>> ChangesAfterAsync(long after, CancellationToken ct) => db.ReadAfterAsync(after, 500, ct);

    private static Violations ValidateHeader(int year, string decisionNumber, DateOnly decisionDate, DateOnly effectiveFrom)
    {
        var violations = new Violations();
        violations.Require(PlanCalendar.IsPlanYear(year), "year", PlanCalendar.YearRange);
        violations.RequireText(decisionNumber, "decision_number", 100);
        violations.Require(decisionDate != default, "decision_date", "is required");
        violations.Require(effectiveFrom != default, "effective_from", "is required");
        if (decisionDate != default && effectiveFrom != default && effectiveFrom < decisionDate)
        {
            violations.Add("effective_from", "must not be before decision_date");
        }
        if (effectiveFrom != default && effectiveFrom.Year > year) violations.Add("effective_from", $"must not be after the plan year {year}");
        return violations;
    }

    private PlanRevision Record(PlanRevision header, int number, List<PlanTarget> targets, string recordedBy, string kind)
    {
        var revision = new PlanRevision
        {
            Year = header.Year,
            Number = number,
            DecisionNumber = header.DecisionNumber.Trim(),
            DecisionDate = header.DecisionDate,
            EffectiveFrom = header.EffectiveFrom,
            Reason = header.Reason.Trim(),
            AppliesFromStartOfYear = header.AppliesFromStartOfYear,
            RecordedAt = clock.Now,
            RecordedBy = recordedBy,
            Targets = targets,
        };
        db.Revisions.Add(revision);
        Log(kind, header.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), header.Year, targets.Select(t => t.IndicatorCode));
        return revision;
    }

    /// <summary>A change-log entry; <paramref name="state"/> (a unit's or an indicator's) is kept beside, so the audit shows before and after.</summary>
    private void Log(string kind, string key, int? year = null, IEnumerable<string>? indicators = null, IMessage? state = null)
    {
        var data = JsonSerializer.SerializeToNode(new ChangeData(year, indicators?.ToArray() ?? []))!.AsObject();
        if (state is not null)
        {
            foreach (var (name, value) in System.Text.Json.Nodes.JsonNode.Parse(JsonFormatter.Default.Format(state))!.AsObject().ToList()) data[name] = value?.DeepClone();
        }
        db.ChangeLog.Add(ChangeLogEntry.For(kind, key, data.ToJsonString()));
    }

    internal sealed record ChangeData(int? Year, string[] Indicators);
}
