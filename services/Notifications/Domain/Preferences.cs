namespace TuyPhuoc.Notifications.Domain;

/// <summary>What a person receives: every kind but those they turned off, and always the mandatory ones.</summary>
public static class PreferenceRules
{
    public static bool Receives(NotificationKind kind, IReadOnlyCollection<NotificationKind> disabled, IReadOnlyCollection<NotificationKind> mandatory) =>
        mandatory.Contains(kind) || !disabled.Contains(kind);

    /// <summary>The kinds a person does not receive: what they turned off less what is mandatory.</summary>
    public static IReadOnlyList<NotificationKind> Hidden(IReadOnlyCollection<NotificationKind> disabled, IReadOnlyCollection<NotificationKind> mandatory) =>
        [.. disabled.Where(k => !mandatory.Contains(k)).Distinct()];

    public static void CheckDisabled(IReadOnlyList<NotificationKind> disabled, IReadOnlyCollection<NotificationKind> mandatory)
    {
        var violations = new Violations();
        for (var i = 0; i < disabled.Count; i++)
        {
            var field = $"disabled_kinds[{i}]";
            if (!Kinds.IsKnown(disabled[i])) violations.Add(field, "is not a kind of notification");
            else if (mandatory.Contains(disabled[i])) violations.Add(field, $"{disabled[i]} is mandatory (set by the planning office) and cannot be turned off");
            else if (disabled.Take(i).Contains(disabled[i])) violations.Add(field, $"{disabled[i]} is listed twice");
        }
        violations.ThrowIfAny();
    }

    public static void CheckKinds(IReadOnlyList<NotificationKind> kinds, string field)
    {
        var violations = new Violations();
        for (var i = 0; i < kinds.Count; i++)
        {
            if (!Kinds.IsKnown(kinds[i])) violations.Add($"{field}[{i}]", "is not a kind of notification");
            else if (kinds.Take(i).Contains(kinds[i])) violations.Add($"{field}[{i}]", $"{kinds[i]} is listed twice");
        }
        violations.ThrowIfAny();
    }
}
