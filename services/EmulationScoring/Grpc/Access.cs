using System.Security.Claims;
using TuyPhuoc.ServiceDefaults;

namespace TuyPhuoc.EmulationScoring.Grpc;

/// <summary>
/// Who reads what: a unit reporter its own score and the ranking's entries, a block leader its block,
/// Home Affairs, the planning office and the suite's services everything; partners the published ranking.
/// </summary>
public static class Access
{
    private static readonly string[] SeeEverything = [Roles.HomeAffairs, Roles.PlanningOffice, Roles.Service];

    public static void RequireScore(ClaimsPrincipal user, string unitCode, string unitBlock)
    {
        if (SeeEverything.Any(user.IsInRole)) return;
        if (user.IsInRole(Roles.UnitReporter) && user.UnitOf() == unitCode) return;
        if (user.IsInRole(Roles.BlockLeader) && user.BlockOf() is { } block && block == unitBlock) return;
        throw new PermissionDeniedException($"The score of {unitCode} is not open to this caller.");
    }

    /// <summary>The block a caller may list: a block leader only theirs (the default when none is asked).</summary>
    public static string? RankingBlock(ClaimsPrincipal user, string? requested)
    {
        if (SeeEverything.Any(user.IsInRole) || user.IsInRole(Roles.UnitReporter) || user.IsInRole(Roles.Partner)) return requested;
        if (user.IsInRole(Roles.BlockLeader) && user.BlockOf() is { } block)
        {
            if (requested is null || requested == block) return block;
            throw new PermissionDeniedException($"A block leader of {block} sees the ranking of that block only.");
        }
        throw new PermissionDeniedException("The ranking is not open to this caller.");
    }
}
