using TuyPhuoc.Evaluation.Data;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.Evaluation.Processing;

/// <summary>
/// What a caller may read of the results, as the access table grants it: everything, one block (the results of its
/// indicators), one unit and the district figures, or the district figures alone.
/// </summary>
public sealed record Access(string? Unit, string? Block, bool DistrictOnly = false)
{
    public static readonly Access Everything = new(null, null);

    public bool All => Unit is null && Block is null && !DistrictOnly;

    /// <summary>Part of a cache key: callers with the same scope see the same model.</summary>
    public string Scope => All ? "all" : DistrictOnly ? "district" : Block is not null ? $"block-{Block}" : $"unit-{Unit}";

    public static Access Of(CallerScope caller) => caller.Grant switch
    {
        Grant.All => Everything,
        Grant.OwnBlock when caller.Block is { Length: > 0 } block => new(null, block),
        Grant.OwnUnit when caller.Unit is { Length: > 0 } unit => new(unit, null),
        Grant.District => new(null, null, DistrictOnly: true),
        _ => throw new PermissionDeniedException($"The role {caller.Role} may not read evaluation results."),
    };

    public bool Sees(StoredResult r, string districtCode) =>
        All || (Block is not null ? r.Block == Block : r.Key.UnitCode == districtCode || (Unit is not null && r.Key.UnitCode == Unit));

    public void DemandUnit(string unit, string districtCode)
    {
        if ((Unit is not null || DistrictOnly) && unit != Unit && unit != districtCode)
            throw new PermissionDeniedException($"This caller sees {(Unit is null ? "" : $"{Unit} and ")}the district figures, not {unit}.");
    }

    public void DemandBlock(string block)
    {
        if (Block is not null && block != Block) throw new PermissionDeniedException($"A leader of the {Block} block does not see the {block} block.");
    }
}
