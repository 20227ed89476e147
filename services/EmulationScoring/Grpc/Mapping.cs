using Google.Protobuf.WellKnownTypes;

namespace TuyPhuoc.EmulationScoring.Grpc;

/// <summary>Between the proto messages of tuyphuoc.scoring.v1 and the domain.</summary>
internal static class Mapping
{
    /// <summary>A scheme as a caller sent it; numbers that are not finite are refused here, the rest by <see cref="SchemeValidator"/>.</summary>
    public static ScoringScheme ToDomain(this Proto.Scheme s, int version)
    {
        var v = new Violations();
        decimal D(double value, string field)
        {
            v.RequireFinite(value, field);
            return double.IsFinite(value) ? (decimal)Math.Clamp(value, -1e12, 1e12) : 0m;
        }
        var band = s.Band ?? new Proto.Band();
        var bonus = s.Bonus ?? new Proto.Bonus();
        var deductions = s.Deductions ?? new Proto.Deductions();
        var cap = s.OutstandingCap ?? new Proto.OutstandingCap();
        var scheme = new ScoringScheme(
            s.Year,
            version,
            s.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToDictionary(w => w.Key.Trim(), w => D(w.Value, $"weights[{w.Key}]")),
            new ScoringBands(D(band.FullFrom, "band.full_from"), D(band.ProportionalFrom, "band.proportional_from")),
            new BonusRule(D(bonus.ExceedFrom, "bonus.exceed_from"), D(bonus.FractionOfWeight, "bonus.fraction_of_weight"), D(bonus.Cap, "bonus.cap")),
            new DeductionRule(D(deductions.PerLateReport, "deductions.per_late_report"), D(deductions.PerMissingReport, "deductions.per_missing_report"),
                D(deductions.PerOverdueEscalation, "deductions.per_overdue_escalation"),
                deductions.HasPerOverdueKeyTask ? D(deductions.PerOverdueKeyTask, "deductions.per_overdue_key_task") : DeductionRule.DefaultPerOverdueKeyTask),
            s.Classes.Select((c, i) => new ClassLevel(c.Code.Trim(), c.Name.Trim(), D(c.MinTotal, $"classes[{i}].min_total"))).ToList(),
            new OutstandingCap(D(cap.Fraction, "outstanding_cap.fraction"), cap.BaseLevelCode.Trim(), cap.Rounding switch
            {
                Proto.CapRounding.Nearest => CapRounding.Nearest,
                Proto.CapRounding.Up => CapRounding.Up,
                _ => CapRounding.Down,
            }),
            s.TieBreak.Select(k => k.Trim()).ToList());
        if (s.Band is null) v.Add("band", "is required");
        if (s.Bonus is null) v.Add("bonus", "is required");
        if (s.Deductions is null) v.Add("deductions", "is required");
        if (s.OutstandingCap is null) v.Add("outstanding_cap", "is required");
        v.ThrowIfAny();
        return scheme;
    }

    public static Proto.Scheme ToProto(this ScoringScheme s, DateTimeOffset recordedAt, string recordedBy) => new()
    {
        Year = s.Year,
        Version = s.Version,
        Weights = { s.Weights.ToDictionary(w => w.Key, w => (double)w.Value) },
        Band = new Proto.Band { FullFrom = (double)s.Bands.FullFrom, ProportionalFrom = (double)s.Bands.ProportionalFrom },
        Bonus = new Proto.Bonus { ExceedFrom = (double)s.Bonus.ExceedFrom, FractionOfWeight = (double)s.Bonus.FractionOfWeight, Cap = (double)s.Bonus.Cap },
        Deductions = new Proto.Deductions
        {
            PerLateReport = (double)s.Deductions.PerLateReport,
            PerMissingReport = (double)s.Deductions.PerMissingReport,
            PerOverdueEscalation = (double)s.Deductions.PerOverdueEscalation,
            PerOverdueKeyTask = (double)s.Deductions.PerOverdueKeyTask,
        },
        Classes = { s.Classes.Select(c => new Proto.ClassLevel { Code = c.Code, Name = c.Name, MinTotal = (double)c.MinTotal }) },
        OutstandingCap = new Proto.OutstandingCap
        {
            Fraction = (double)s.OutstandingCap.Fraction, BaseLevelCode = s.OutstandingCap.BaseLevelCode,
            Rounding = s.OutstandingCap.Rounding switch
            {
                CapRounding.Nearest => Proto.CapRounding.Nearest,
                CapRounding.Up => Proto.CapRounding.Up,
                _ => Proto.CapRounding.Down,
            },
        },
        TieBreak = { s.TieBreak },
        RecordedAt = recordedAt.ToProto(),
        RecordedBy = recordedBy,
    };

    public static string Code(this IndicatorBand band) => band switch
    {
        IndicatorBand.Full => "full",
        IndicatorBand.Proportional => "proportional",
        IndicatorBand.Zero => "zero",
        IndicatorBand.NoData => "no_data",
        IndicatorBand.JudgedAtYearEnd => "judged_at_year_end",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, null),
    };

    public static string Code(this DeductionKind kind) => kind switch
    {
        DeductionKind.LateReport => "late_report",
        DeductionKind.MissingReport => "missing_report",
        DeductionKind.OverdueEscalation => "overdue_escalation",
        DeductionKind.OverdueKeyTask => "overdue_key_task",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The breakdown as the unit sees it; ranking fields are filled from the ranking.</summary>
    public static Proto.Score ToProto(this ScoreBreakdown b, string unitCode, string block, int year, int quarter, int schemeVersion, DateTimeOffset computedAt)
    {
        var score = new Proto.Score
        {
            UnitCode = unitCode,
            Year = year,
            Quarter = quarter,
            Block = block,
            Total = (double)b.Total,
            BonusCapAdjustment = (double)b.BonusCapAdjustment,
            SchemeVersion = schemeVersion,
            Scored = b.Scored,
            ComputedAt = computedAt.ToProto(),
            Bonuses = { b.Bonuses.Select(l => new Proto.BonusLine { IndicatorCode = l.IndicatorCode, Achievement = l.Achievement, Points = (double)l.Points }) },
            Deductions = { b.Deductions.Select(l => new Proto.DeductionLine { Kind = l.Kind.Code(), Cause = l.Cause, Points = (double)l.Points }) },
        };
        foreach (var l in b.Indicators)
        {
            var line = new Proto.IndicatorLine { IndicatorCode = l.IndicatorCode, Weight = (double)l.Weight, Band = l.Band.Code(), Points = (double)l.Points };
            if (l.Achievement is { } x) line.Achievement = x;
            score.Indicators.Add(line);
        }
        return score;
    }

    public static Proto.YearState ToProto(this YearStatus y) => new()
    {
        Year = y.Year,
        Final = y.Final,
        ChangedAt = y.ChangedAt.ToProto(),
        ChangedBy = y.ChangedBy,
        Reason = y.Reason,
        SchemeVersion = y.SchemeVersion,
    };
}
