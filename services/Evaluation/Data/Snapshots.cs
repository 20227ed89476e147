using Status = TuyPhuoc.Evaluation.Domain.Status;

namespace TuyPhuoc.Evaluation.Data;

/// <summary>
/// The stored form of a result is the contract's IndicatorStatus evaluated through Q4, so a read only slices it.
/// Its bytes are deterministic (no maps, no timestamp inside), which makes their hash a change detector.
/// </summary>
public static class Snapshots
{
    public static Proto.IndicatorStatus From(ResultSpec spec, EvaluationResult result)
    {
        var status = new Proto.IndicatorStatus
        {
            UnitCode = spec.Key.UnitCode,
            IndicatorCode = spec.Key.IndicatorCode,
            Year = spec.Key.Year,
            Quarter = 4,
            RolledUp = spec.FromCommunes,
            MeasureKind = spec.Indicator.Kind.Name(),
            Direction = spec.Indicator.Direction == Direction.HigherIsBetter ? "higher_is_better" : "lower_is_better",
            YearTarget = (double)result.Input.YearTarget,
            ReportingUnitCode = spec.ReportingUnit,
            Source = SourceName(spec.Indicator.Source),
            Block = spec.Indicator.Block,
            PolicyVersion = result.Input.Policy.Version,
        };
        status.MonthlyActuals.AddRange(result.Input.MonthlyActuals.Select(m => m is { } v ? new Proto.OptionalValue { Value = (double)v } : new Proto.OptionalValue()));
        if (result.Input.QuarterTargets is { } targets) status.QuarterTargets.AddRange(targets.Select(t => (double)t));
        IReadOnlyList<QuarterPlan> plans = spec.QuarterPlans.Count >= result.Quarters.Count ? spec.QuarterPlans
            : [new QuarterPlan(spec.Revision, spec.Decision, result.Input.YearTarget, result.Input.QuarterTargets)];
        status.Quarters.AddRange(result.Quarters.Select(q => ToProto(q, plans[Math.Min(q.Quarter, plans.Count) - 1].Revision)));
        foreach (var p in plans.DistinctBy(p => p.Revision))
        {
            var plan = new Proto.JudgedPlan { Revision = p.Revision, DecisionNumber = p.DecisionNumber, YearTarget = (double)p.YearTarget };
            if (p.QuarterTargets is { } phased) plan.QuarterTargets.AddRange(phased.Select(t => (double)t));
            status.Plans.Add(plan);
        }
        Summarize(status);
        return status;
    }

    public static byte[] Hash(byte[] snapshot) => System.Security.Cryptography.SHA256.HashData(snapshot);

    /// <summary>The status as of a quarter: quarters and months after it left out, as the rules would have seen them then.</summary>
    public static Proto.IndicatorStatus Slice(Proto.IndicatorStatus full, int quarter)
    {
        var status = full.Clone();
        status.Quarter = quarter;
        while (status.Quarters.Count > quarter) status.Quarters.RemoveAt(status.Quarters.Count - 1);
        while (status.MonthlyActuals.Count > PlanCalendar.LastMonthOf(quarter)) status.MonthlyActuals.RemoveAt(status.MonthlyActuals.Count - 1);
        // As of the quarter, the targets are those of the plan it was judged against.
        var used = status.Quarters.Select(q => q.PlanRevision).ToHashSet();
        for (var i = status.Plans.Count - 1; i >= 0; i--)
        {
            if (!used.Contains(status.Plans[i].Revision)) status.Plans.RemoveAt(i);
        }
        if (status.Plans.FirstOrDefault(p => p.Revision == status.Quarters[^1].PlanRevision) is { } plan)
        {
            status.YearTarget = plan.YearTarget;
            status.QuarterTargets.Clear();
            status.QuarterTargets.AddRange(plan.QuarterTargets);
        }
        Summarize(status);
        return status;
    }

    /// <summary>The headline fields from the last quarter present.</summary>
    static void Summarize(Proto.IndicatorStatus status)
    {
        var current = status.Quarters[^1];
        status.Status = current.Status;
        if (current.HasProgress) status.Progress = current.Progress; else status.ClearProgress();
        var (due, passed) = (false, true);
        foreach (var quarter in status.Quarters)
        {
            foreach (var checkpoint in quarter.Checkpoints) (due, passed) = (true, passed && checkpoint.Passed);
        }
        status.CheckpointDue = due;
        status.PassesCheckpoints = passed;
    }

    public static Proto.IndicatorStatus Parse(byte[] snapshot) => Proto.IndicatorStatus.Parser.ParseFrom(snapshot);

    /// <summary>The monthly actuals a status shows, null where none was submitted.</summary>
    public static decimal?[] Months(Proto.IndicatorStatus status) => [.. status.MonthlyActuals.Select(m => m.HasValue ? (decimal?)m.Value : null)];

    public static string SourceName(IndicatorSource source) => source == IndicatorSource.Province ? "province" : "district";

    public static Status FromProto(Proto.Status status) => status switch
    {
        Proto.Status.Achieved => Status.Achieved,
        Proto.Status.AtRisk => Status.AtRisk,
        Proto.Status.NotAchieved => Status.NotAchieved,
        Proto.Status.NoData => Status.NoData,
        _ => Status.JudgedAtYearEnd,
    };

    public static Proto.Status ToProto(Status status) => status switch
    {
        Status.Achieved => Proto.Status.Achieved,
        Status.AtRisk => Proto.Status.AtRisk,
        Status.NotAchieved => Proto.Status.NotAchieved,
        Status.NoData => Proto.Status.NoData,
        _ => Proto.Status.JudgedAtYearEnd,
    };

    static string Basis(StatusBasis basis) => basis switch
    {
        StatusBasis.PeriodRequirement => "period_requirement",
        StatusBasis.YearToDateCeiling => "year_to_date_ceiling",
        StatusBasis.QuarterTarget => "quarter_target",
        StatusBasis.OnTrackProgress => "on_track_progress",
        StatusBasis.YearTarget => "year_target",
        _ => "",
    };

    static Proto.QuarterExplanation ToProto(QuarterResult q, int planRevision)
    {
        var proto = new Proto.QuarterExplanation
        {
            Quarter = q.Quarter,
            Status = ToProto(q.Status),
            Basis = Basis(q.Basis),
            CarryIn = (double)q.CarryIn,
            SurplusIn = (double)q.SurplusIn,
            CarryOut = (double)q.CarryOut,
            PlanRevision = planRevision,
        };
        if (q.PhasedTarget is { } t) proto.PhasedTarget = (double)t;
        if (q.Requirement is { } r) proto.Requirement = (double)r;
        if (q.Actual is { } a) proto.Actual = (double)a;
        if (q.YearToDate is { } y) proto.YearToDate = (double)y;
        if (q.CumulativePlan is { } c) proto.CumulativePlan = (double)c;
        if (q.Progress is { } p) proto.Progress = (double)p;
        if (q.PercentOfRequirement is { } s) proto.PercentOfRequirement = (double)s;
        if (q.Baseline is { } b) proto.Baseline = (double)b;
        proto.Checkpoints.AddRange(q.Checkpoints.Select(c =>
        {
            var checkpoint = new Proto.CheckpointResult { Quarter = c.Quarter, Minimum = (double)c.Minimum, Passed = c.Passed };
            if (c.Progress is { } progress) checkpoint.Progress = (double)progress;
            return checkpoint;
        }));
        return proto;
    }

    public static byte[] Bytes(IMessage message) => message.ToByteArray();
}
