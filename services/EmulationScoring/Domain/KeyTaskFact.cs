namespace TuyPhuoc.EmulationScoring.Domain;

/// <summary>A key task a unit leads that stood overdue on the year's last day (from KeyTasks), with what names it to the unit.</summary>
public sealed record KeyTaskFact(string Id, string DecisionNumber, string Number, string Content, string Due);
