namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>A row of a task list as given, before it is checked.</summary>
public sealed record TaskInput(
    string Number,
    string Field,
    string Content,
    string LeadUnitCode,
    IReadOnlyList<string> CoordinatingUnitCodes,
    string Block,
    Deadline? Deadline,
    string Product,
    IReadOnlyList<string> IndicatorCodes,
    string Note);
