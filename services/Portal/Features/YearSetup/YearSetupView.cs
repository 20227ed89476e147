using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>One version of a year's evaluation policy as set: its rules in fractions (1 is 100%), who set it, when and why.</summary>
public sealed record PolicyLine(int Version, bool SurplusOffsets, double AtRiskBand, IReadOnlyDictionary<int, double> Checkpoints, string Reason, DateTimeOffset? RecordedAt, string RecordedBy)
{
    public static PolicyLine From(Policy p) => new(p.Version, p.SurplusOffsets, p.AtRiskBand, p.Checkpoints.ToDictionary(c => c.Quarter, c => c.MinimumProgress),
        p.Reason, p.RecordedAt?.ToDateTimeOffset(), p.RecordedBy);
}

/// <summary>What the planning office sets for a year before it runs: the reports' deadline and the evaluation policy, with its versions, newest first.</summary>
public sealed record YearSetupView(int Year, int DeadlineDay, PolicyLine Policy, IReadOnlyList<PolicyLine> Versions);

/// <summary>A new version of the policy as the planning office types it: percentages as written in Vietnamese (92,5), empty for no checkpoint.</summary>
public sealed class PolicyInput
{
    public bool SurplusOffsets { get; set; }
    public string AtRiskBand { get; set; } = "";
    public string[] Checkpoints { get; } = ["", "", "", ""];
    public string Reason { get; set; } = "";

    public static PolicyInput Of(PolicyLine p)
    {
        var input = new PolicyInput { SurplusOffsets = p.SurplusOffsets, AtRiskBand = VietNumber.Input(p.AtRiskBand * 100) };
        foreach (var (quarter, minimum) in p.Checkpoints) input.Checkpoints[quarter - 1] = VietNumber.Input(minimum * 100);
        return input;
    }

    /// <summary>The fields typed that are not numbers, by the policy's field names; empty when the input can be sent.</summary>
    public IReadOnlyDictionary<string, bool> Unreadable() =>
        new[] { ("policy.at_risk_band", AtRiskBand) }.Concat(Checkpoints.Select((c, i) => ($"policy.checkpoints.q{i + 1}", c)))
            .Where(f => f.Item2.Trim().Length > 0 && !VietNumber.TryParse(f.Item2, out _)).ToDictionary(f => f.Item1, _ => true);

    public Policy ToPolicy(int year)
    {
        static double Fraction(string percent) => VietNumber.TryParse(percent, out var v) ? v / 100 : 0;
        var policy = new Policy { Year = year, SurplusOffsets = SurplusOffsets, AtRiskBand = Fraction(AtRiskBand), Reason = Reason.Trim() };
        for (var q = 1; q <= 4; q++)
        {
            if (Checkpoints[q - 1].Trim().Length > 0) policy.Checkpoints.Add(new Checkpoint { Quarter = q, MinimumProgress = Fraction(Checkpoints[q - 1]) });
        }
        return policy;
    }
}
