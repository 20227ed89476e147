namespace TuyPhuoc.Evaluation.Domain;

/// <summary>What a summary needs of one result as of a quarter.</summary>
/// <param name="PassesCheckpoints">Null when no checkpoint was due by the quarter.</param>
public sealed record Headline(Status Status, bool? PassesCheckpoints, bool JudgedAtYearEnd);
