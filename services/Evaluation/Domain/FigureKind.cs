namespace TuyPhuoc.Evaluation.Domain;

public enum FigureKind
{
    /// <summary>A commune's or town's allocation, reported by the unit itself.</summary>
    Allocation,
    /// <summary>The district figure of a commune-allocated cumulative indicator: the sum of the allocations' actuals.</summary>
    DistrictRollUp,
    /// <summary>The district figure reported by the responsible office (or entered for the district itself).</summary>
    DistrictReported,
    /// <summary>The district figure of a commune-allocated level or rate: the mean of the communes' values.</summary>
    DistrictMean,
    /// <summary>The same, each commune weighing with the quantity the plan states for it.</summary>
    DistrictWeightedMean,
}
