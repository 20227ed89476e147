namespace TuyPhuoc.Evaluation.Processing;

/// <summary>The plan of a year as the evaluation needs it; null when the year has no plan.</summary>
public interface IPlanSource
{
    Task<PlanSnapshot?> GetAsync(int year, CancellationToken ct);

    /// <summary>The units of the year that were merged into another (a commune of the 2025 reorganisation), with the unit each went into.</summary>
    Task<IReadOnlyDictionary<string, string>> MergersAsync(int year, CancellationToken ct);

    /// <summary>Forgets a year (or every year) so the next read asks the source again.</summary>
    void Invalidate(int? year = null);
}
