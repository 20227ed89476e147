namespace TuyPhuoc.Evaluation.Domain;

public sealed record EvaluationResult(EvaluationInput Input, IReadOnlyList<QuarterResult> Quarters)
{
    public QuarterResult Quarter(int quarter) => Quarters[quarter - 1];

    /// <summary>Whether every checkpoint due by the end of the quarter passed; null when none was due (and always for year-end indicators).</summary>
    public bool? PassesCheckpoints(int quarter)
    {
        var due = Quarters.Take(quarter).SelectMany(q => q.Checkpoints).ToList();
        return due.Count == 0 ? null : due.All(c => c.Passed);
    }

    public Headline Headline(int quarter) => new(Quarter(quarter).Status, PassesCheckpoints(quarter), Input.Indicator.Kind == MeasureKind.YearEnd);
}
