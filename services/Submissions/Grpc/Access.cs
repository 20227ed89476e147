using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.Submissions.Processing;

namespace TuyPhuoc.Submissions.Grpc;

/// <summary>
/// The access table applied to a unit's submissions: open to the roles granted all, to the unit's own reporter, and
/// to the leader of the unit's sector block in the year's plan.
/// </summary>
public static class Access
{
    /// <summary>Which units' data the caller may read in a year.</summary>
    public static async Task<Func<string, bool>> UnitsAsync(CallerScope caller, PlanViews plans, int year, CancellationToken ct)
    {
        if (caller.Grant == Grant.All) return _ => true;
        var plan = caller.Grant == Grant.OwnBlock && PlanCalendar.IsPlanYear(year) ? await plans.GetAsync(year, ct) : null;
        return unit => caller.SeesUnit(unit, plan?.Units.GetValueOrDefault(unit)?.Block);
    }

    public static async Task DemandAsync(CallerScope caller, PlanViews plans, string unit, int year, CancellationToken ct)
    {
        if (!(await UnitsAsync(caller, plans, year, ct))(unit)) caller.DemandUnit(unit, null);
    }

    /// <summary>An escalation is open to those who see its unit or the office it is assigned to.</summary>
    public static bool Sees(Func<string, bool> units, Domain.Escalation e) =>
        units(e.UnitCode) || (e.AssignedOfficeCode is { } office && units(office));
}
