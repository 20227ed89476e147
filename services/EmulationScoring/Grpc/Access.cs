using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EmulationScoring.Grpc;

/// <summary>
/// The access table applied to scores: a unit reporter its own score, a block leader the units of its block (the
/// unit's sector block in the plan), the roles granted all every score; the ranking per the table.
/// </summary>
public static class Access
{
    /// <summary>Refused before the score is looked up when the unit alone decides; otherwise by the unit's block.</summary>
    public static void RequireUnit(CallerScope caller, string unitCode)
    {
        if (caller.Grant == Grant.OwnUnit) caller.DemandUnit(unitCode, null);
    }

    public static void RequireScore(CallerScope caller, string unitCode, string? unitBlock) => caller.DemandUnit(unitCode, unitBlock);

    /// <summary>The block a caller may list: a block leader only theirs (the default when none is asked).</summary>
    public static string? RankingBlock(CallerScope caller, string? requested)
    {
        if (caller.Grant == Grant.All) return requested;
        if (caller.Grant == Grant.OwnBlock && caller.Block is { } block)
        {
            if (requested is null || requested == block) return block;
            throw new PermissionDeniedException($"A block leader of {block} sees the ranking of that block only.");
        }
        throw new PermissionDeniedException("The ranking is not open to this caller.");
    }
}
