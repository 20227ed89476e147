using TuyPhuoc.Contracts.Scoring.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// A year's scoring scheme as its form edits it, numbers as the person writes them (vi-VN, shares as percentages):
/// the bands, the bonus, the deductions, each level's name and lowest total, and the outstanding cap. The weights and
/// the tie-break keep what the scheme in force has.
/// </summary>
public sealed class SchemeForm
{
    public sealed class Level { public string Code { get; init; } = ""; public string Name { get; set; } = ""; public string MinTotal { get; set; } = ""; }

    public Dictionary<string, string> Numbers { get; } = [];
    public List<Level> Levels { get; } = [];
    private Scheme _base = new();

    /// <summary>The form's numbers by the scheme's field paths (those its refusals name); true for a share written as a percentage.</summary>
    public static readonly IReadOnlyList<(string Field, bool Percent)> Fields =
    [
        ("bands.full_from", true), ("bands.proportional_from", true), ("bonus.exceed_from", true), ("bonus.fraction_of_weight", false), ("bonus.cap", false),
        ("deductions.per_late_report", false), ("deductions.per_missing_report", false), ("deductions.per_overdue_escalation", false),
        ("deductions.per_overdue_key_task", false), ("outstanding_cap.fraction", true),
    ];

    public static SchemeForm Of(Scheme s)
    {
        var form = new SchemeForm { _base = s.Clone() };
        double[] values = [s.Band?.FullFrom ?? 0, s.Band?.ProportionalFrom ?? 0, s.Bonus?.ExceedFrom ?? 0, s.Bonus?.FractionOfWeight ?? 0, s.Bonus?.Cap ?? 0,
            s.Deductions?.PerLateReport ?? 0, s.Deductions?.PerMissingReport ?? 0, s.Deductions?.PerOverdueEscalation ?? 0,
            s.Deductions is { HasPerOverdueKeyTask: true } d ? d.PerOverdueKeyTask : 0.5, s.OutstandingCap?.Fraction ?? 0];
        for (var i = 0; i < Fields.Count; i++) form.Numbers[Fields[i].Field] = VietNumber.Input(Fields[i].Percent ? values[i] * 100 : values[i]);
        form.Levels.AddRange(s.Classes.Select(c => new Level { Code = c.Code, Name = c.Name, MinTotal = VietNumber.Input(c.MinTotal) }));
        return form;
    }

    /// <summary>The fields written that are no numbers (their scheme paths), or the scheme the form describes.</summary>
    public (IReadOnlyList<string> Unread, Scheme? Scheme) Read()
    {
        var values = new Dictionary<string, double>();
        var unread = new List<string>();
        foreach (var (field, percent) in Fields)
        {
            if (VietNumber.TryParse(Numbers[field], out var v)) values[field] = percent ? v / 100 : v;
            else unread.Add($"scheme.{field}");
        }
        var levels = new List<ClassLevel>();
        for (var i = 0; i < Levels.Count; i++)
        {
            if (VietNumber.TryParse(Levels[i].MinTotal, out var min)) levels.Add(new ClassLevel { Code = Levels[i].Code, Name = Levels[i].Name.Trim(), MinTotal = min });
            else unread.Add($"scheme.classes[{i}].min_total");
        }
        if (unread.Count > 0) return (unread, null);
        var scheme = _base.Clone();
        scheme.Band = new Band { FullFrom = values["bands.full_from"], ProportionalFrom = values["bands.proportional_from"] };
        scheme.Bonus = new Bonus { ExceedFrom = values["bonus.exceed_from"], FractionOfWeight = values["bonus.fraction_of_weight"], Cap = values["bonus.cap"] };
        scheme.Deductions = new Deductions
        {
            PerLateReport = values["deductions.per_late_report"], PerMissingReport = values["deductions.per_missing_report"],
            PerOverdueEscalation = values["deductions.per_overdue_escalation"], PerOverdueKeyTask = values["deductions.per_overdue_key_task"],
        };
        scheme.Classes.Clear();
        scheme.Classes.AddRange(levels);
        scheme.OutstandingCap = new OutstandingCap { Fraction = values["outstanding_cap.fraction"], BaseLevelCode = _base.OutstandingCap?.BaseLevelCode ?? "", Rounding = _base.OutstandingCap?.Rounding ?? CapRounding.Unspecified };
        (scheme.RecordedAt, scheme.RecordedBy, scheme.Version) = (null, "", 0);
        return ([], scheme);
    }
}
