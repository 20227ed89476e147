namespace TuyPhuoc.Evaluation.Data;

/// <summary>A result ready to store, with the trace of the change that caused it.</summary>
public sealed record ComputedResult(ResultSpec Spec, byte[] Snapshot, byte[] Hash, string? TraceParent)
{
    /// <summary>The result to store, or null when its stored snapshot is already this one.</summary>
    public static ComputedResult? IfChanged(ResultSpec spec, string? trace, EvaluationInput input, Dictionary<(string Indicator, string Unit), byte[]> hashes)
    {
        var snapshot = Snapshots.From(spec, EvaluationRules.Evaluate(input, spec.QuarterPlans)).ToByteArray();
        var hash = Snapshots.Hash(snapshot);
        return hashes.TryGetValue((spec.Key.IndicatorCode, spec.Key.UnitCode), out var stored) && stored.AsSpan().SequenceEqual(hash)
            ? null
            : new(spec, snapshot, hash, trace);
    }
}
