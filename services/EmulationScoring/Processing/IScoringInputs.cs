namespace TuyPhuoc.EmulationScoring.Processing;

/// <summary>What scoring reads from the other services; the gRPC implementation is <see cref="SuiteInputs"/>.</summary>
public interface IScoringInputs
{
    /// <summary>The year's plan, or null when there is none.</summary>
    Task<YearPlan?> PlanAsync(int year, CancellationToken ct);

    /// <summary>The unit's monthly reports against their deadlines.</summary>
    Task<IReadOnlyList<ReportFact>> ReportsAsync(string unitCode, int year, CancellationToken ct);

    /// <summary>The escalations of the year assigned to the office with a deadline.</summary>
    Task<IReadOnlyList<EscalationFact>> EscalationsAssignedToAsync(string officeCode, int year, CancellationToken ct);

    /// <summary>The key tasks the unit leads that stand overdue on the year's last day (or today, before it).</summary>
    Task<IReadOnlyList<KeyTaskFact>> OverdueKeyTasksAsync(string unitCode, int year, CancellationToken ct);
}
