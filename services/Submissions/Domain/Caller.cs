
namespace TuyPhuoc.Submissions.Domain;

/// <summary>Who makes a request: the token's subject, role and unit.</summary>
public sealed record Caller(string Subject, string Role, string? Unit)
{
    public bool IsPlanningOffice => Role == Roles.PlanningOffice;

    /// <summary>The planning office acts for every unit; a unit reporter only for the unit in its token.</summary>
    public bool MayActFor(string unitCode) =>
        IsPlanningOffice || (Role == Roles.UnitReporter && !string.IsNullOrEmpty(Unit) && Unit == unitCode);

    public void EnsureMayActFor(string unitCode)
    {
        if (!MayActFor(unitCode))
        {
            throw new PermissionDeniedException(Role == Roles.UnitReporter
                ? $"A reporter of {Unit} may not act for {unitCode}."
                : $"The role {Role} may not act for a unit.");
        }
    }
}
