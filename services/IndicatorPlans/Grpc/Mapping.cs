using Google.Protobuf.WellKnownTypes;
using Proto = TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.IndicatorPlans.Grpc;

/// <summary>
/// Between the proto messages of tuyphuoc.plans.v1 and the domain. What is asked is taken as it was asked (a cast), so
/// the catalog rules can refuse an unset or unknown kind or block; what is answered maps through the one vocabulary.
/// </summary>
internal static class Mapping
{

    public static Proto.Unit ToProto(this OrgUnit u) => new()
    {
        Code = u.Code,
        Name = u.Name,
        Kind = u.Kind.ToProto(),
        ParentCode = u.ParentCode ?? "",
        Block = u.Block.ToProto(),
        ValidFrom = u.ValidFrom.ToProto(),
        ValidTo = u.ValidTo.ToProto(),
        MergedIntoCode = u.MergedIntoCode ?? "",
    };

    public static OrgUnit ToDomain(this Proto.Unit u) => new()
    {
        Code = u.Code.Trim(),
        Name = u.Name.Trim(),
        Kind = (UnitKind)u.Kind,
        ParentCode = Text.Optional(u.ParentCode),
        Block = u.Block == Proto.SectorBlock.Unspecified ? null : (SectorBlock)u.Block,
        ValidFrom = InvalidInputException.Required(u.ValidFrom.ToDate("unit.valid_from"), "unit.valid_from"),
        ValidTo = u.ValidTo.ToDate("unit.valid_to"),
    };

    public static Proto.UnitNode ToProto(this UnitNode node)
    {
        var proto = new Proto.UnitNode { Unit = node.Unit.ToProto() };
        proto.Children.AddRange(node.Children.Select(ToProto));
        return proto;
    }

    public static Proto.Block ToProto(this BlockInfo b) => new()
    {
        SectorBlock = b.Block.ToProto(),
        Name = b.Name,
        LeaderName = b.LeaderName,
        LeaderTitle = b.LeaderTitle,
    };

    public static Proto.Indicator ToProto(this Indicator i)
    {
        var proto = new Proto.Indicator
        {
            Code = i.Code,
            Name = i.Name,
            UnitOfMeasure = i.UnitOfMeasure,
            Source = (Proto.IndicatorSource)i.Source,
            Block = i.Block.ToProto(),
            ResponsibleOfficeCode = i.ResponsibleOfficeCode,
            Direction = (Proto.Direction)i.Direction,
            MeasureKind = i.MeasureKind.ToProto(),
            CommuneAllocated = i.CommuneAllocated,
            Range = i.RangeMin is { } min && i.RangeMax is { } max ? new Proto.ValueRange { Min = min, Max = max } : null,
            RetiredFromYear = i.RetiredFromYear ?? 0,
        };
        if (i.Baseline is { } baseline) proto.Baseline = baseline;
        return proto;
    }

    public static Indicator ToDomain(this Proto.Indicator i) => new()
    {
        Code = i.Code.Trim(),
        Name = i.Name.Trim(),
        UnitOfMeasure = i.UnitOfMeasure.Trim(),
        Source = (IndicatorSource)i.Source,
        Block = (SectorBlock)i.Block,
        ResponsibleOfficeCode = i.ResponsibleOfficeCode.Trim(),
        Direction = (Direction)i.Direction,
        MeasureKind = (MeasureKind)i.MeasureKind,
        CommuneAllocated = i.CommuneAllocated,
        Baseline = i.HasBaseline ? i.Baseline : null,
        RangeMin = i.Range?.Min,
        RangeMax = i.Range?.Max,
    };

    public static TargetInput ToDomain(this Proto.Target t) => new(
        t.IndicatorCode.Trim(), t.DistrictTarget, t.HasProvinceTarget ? t.ProvinceTarget : null, t.Quarters, t.Months,
        t.Allocations.Select(a => new AllocationInput(a.UnitCode.Trim(), a.YearTarget, a.Months, a.HasWeight ? a.Weight : null)).ToList(),
        t.HasBaseline ? t.Baseline : null, (Aggregation)t.Aggregation);

    public static Proto.Target ToProto(this PlanTarget t, Indicator indicator)
    {
        var proto = new Proto.Target
        {
            IndicatorCode = t.IndicatorCode, DistrictTarget = t.DistrictTarget, Revision = t.Revision,
            Aggregation = (Proto.Aggregation)PlanRules.AggregationOf(indicator, t.Aggregation),
        };
        if (t.ProvinceTarget is { } province) proto.ProvinceTarget = province;
        if ((t.Baseline ?? indicator.Baseline) is { } baseline) proto.Baseline = baseline;
        proto.Months.AddRange(t.Months);
        proto.Quarters.AddRange(PlanRules.Quarters(indicator.MeasureKind, t.Months));
        proto.Allocations.AddRange(t.Allocations.Select(a =>
        {
            var allocation = new Proto.Allocation { UnitCode = a.UnitCode, YearTarget = a.YearTarget, Months = { a.Months } };
            if (a.Weight is { } weight) allocation.Weight = weight;
            return allocation;
        }));
        return proto;
    }

    public static Proto.PlanRevision ToProto(this PlanRevision r) => new()
    {
        Year = r.Year,
        Revision = r.Number,
        DecisionNumber = r.DecisionNumber,
        DecisionDate = r.DecisionDate.ToProto(),
        EffectiveFrom = r.EffectiveFrom.ToProto(),
        Reason = r.Reason,
        RecordedAt = r.RecordedAt.ToProto(),
        RecordedBy = r.RecordedBy,
        ChangedIndicatorCodes = { r.Targets.Select(t => t.IndicatorCode) },
        AppliesFromStartOfYear = r.AppliesFromStartOfYear,
    };

    public static Proto.Plan ToProto(PlanRevision revision, IEnumerable<PlanTarget> targets, IEnumerable<PlanWarning> warnings,
        IReadOnlyDictionary<string, Indicator> catalog) => new()
    {
        Year = revision.Year,
        Revision = revision.ToProto(),
        Targets = { targets.Select(t => t.ToProto(catalog[t.IndicatorCode])) },
        Warnings = { warnings.Select(w => new Proto.PlanWarning { IndicatorCode = w.IndicatorCode, Code = w.Code, Message = w.Message }) },
    };

    public static PlanRevision Header(int year, string decisionNumber, Google.Type.Date? decisionDate, Google.Type.Date? effectiveFrom, string reason = "",
        bool appliesFromStartOfYear = false) => new()
    {
        Year = year,
        DecisionNumber = decisionNumber,
        DecisionDate = decisionDate.ToDate("decision_date") ?? default,
        EffectiveFrom = effectiveFrom.ToDate("effective_from") ?? default,
        Reason = reason,
        AppliesFromStartOfYear = appliesFromStartOfYear,
    };

    public static Proto.Change ToProto(this ChangeLogEntry e)
    {
        var data = System.Text.Json.JsonSerializer.Deserialize<Data.PlansStore.ChangeData>(e.Data) ?? new(null, []);
        var change = e.ToMessage<Proto.Change>();
        change.Year = data.Year ?? 0;
        change.IndicatorCodes.Add(data.Indicators ?? []);
        return change;
    }
}
