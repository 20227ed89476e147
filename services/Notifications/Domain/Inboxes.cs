namespace TuyPhuoc.Notifications.Domain;

/// <summary>
/// Where a notification is addressed: a unit (every reporter of a commune or an office reads its unit's), a role
/// (the planning office, home affairs), a block (its leader) or one person.
/// </summary>
public static class Inboxes
{
    public static string Unit(string unitCode) => $"unit:{unitCode}";
    public static string Role(string role) => $"role:{role}";
    public static string Block(string block) => $"block:{block}";
    public static string Person(string subject) => $"person:{subject}";

    public static readonly string PlanningOffice = Role(Roles.PlanningOffice);

    /// <summary>The inboxes a caller reads: their own person's, and the one of their unit, role or block.</summary>
    public static IReadOnlyList<string> Of(CallerScope caller)
    {
        var shared = caller.Role switch
        {
            Roles.UnitReporter when !string.IsNullOrEmpty(caller.Unit) => Unit(caller.Unit),
            Roles.BlockLeader when !string.IsNullOrEmpty(caller.Block) => Block(caller.Block),
            Roles.PlanningOffice or Roles.HomeAffairs => Role(caller.Role),
            _ => null,
        };
        return shared is null ? [Person(caller.Subject)] : [shared, Person(caller.Subject)];
    }

    /// <summary>
    /// The inbox an official address is registered for, from what the planning office types: a unit's code, a role
    /// with a shared inbox, or "block:&lt;block&gt;"; null when it names none of them.
    /// </summary>
    public static string? FromCode(string code) => code switch
    {
        Roles.PlanningOffice or Roles.HomeAffairs => Role(code),
        _ when code.StartsWith("block:", StringComparison.Ordinal) && code.Length > "block:".Length => code,
        _ when code.Length > 0 && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') => Unit(code),
        _ => null,
    };

    /// <summary>The code an inbox is known by to the planning office (the reverse of <see cref="FromCode"/>).</summary>
    public static string CodeOf(string inbox) =>
        inbox.StartsWith("unit:", StringComparison.Ordinal) || inbox.StartsWith("role:", StringComparison.Ordinal) ? inbox[5..] : inbox;
}
