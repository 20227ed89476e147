namespace TuyPhuoc.Evaluation.Data;

/// <summary>A version of a year's evaluation policy with its audit: who set it, when and why (none for the defaults, version 0).</summary>
public sealed record StoredPolicy(int Year, EvaluationPolicy Policy, string Reason, DateTimeOffset? RecordedAt, string RecordedBy)
{
    public static StoredPolicy Defaults(int year) => new(year, EvaluationPolicy.Default, "", null, "");
}
