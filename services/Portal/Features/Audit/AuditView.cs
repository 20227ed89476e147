using System.Text.Json;
using TuyPhuoc.Contracts.Audit.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>What the audit asks: changes about a unit or indicator code, by a person, in one service (empty: all).</summary>
public sealed record AuditFilter(string About = "", string By = "", string Service = "");

/// <summary>The suite's changes newest first, merged across its services, and where each service's next page starts (0: none).</summary>
public sealed record AuditView(AuditFilter Filter, IReadOnlyList<AuditLine> Lines, IReadOnlyDictionary<string, long> Next)
{
    public bool More => Next.Values.Any(n => n > 0);
}

/// <summary>One change: when, in which service, what kind, about what, by whom, and the fields it changed (before → after).</summary>
public sealed record AuditLine(string Service, long Sequence, DateTimeOffset At, string By, string Kind, string Key, IReadOnlyList<AuditField> Fields)
{
    public static AuditLine From(string service, AuditEntry e) =>
        new(service, e.Sequence, e.OccurredAt.ToDateTimeOffset(), e.By, e.Kind, e.Key, AuditField.Diff(e.Before, e.After));
}

public sealed record AuditField(string Name, string? Before, string After)
{
    private const int Shown = 8, Longest = 120;

    /// <summary>The top-level fields whose values differ between the two records (every field of a first record), at most a few.</summary>
    public static IReadOnlyList<AuditField> Diff(string before, string after)
    {
        var old = Fields(before);
        return [.. Fields(after).Where(f => !old.TryGetValue(f.Key, out var was) || was != f.Value)
            .Select(f => new AuditField(f.Key, old.GetValueOrDefault(f.Key), f.Value)).Take(Shown)];
    }

    private static Dictionary<string, string> Fields(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) return [];
        return document.RootElement.EnumerateObject().Where(p => !Empty(p.Value)).ToDictionary(p => p.Name, p => Short(Text(p.Value)));
    }

    private static bool Empty(JsonElement value) => value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0 || value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0;

    /// <summary>A value as a person reads it: a text as written, a date (google.type.Date) as dd/MM/yyyy, anything else as its JSON.</summary>
    private static string Text(JsonElement value) => value switch
    {
        { ValueKind: JsonValueKind.String } => value.GetString()!,
        { ValueKind: JsonValueKind.Object } when value.TryGetProperty("year", out var y) && value.TryGetProperty("month", out var m) && value.TryGetProperty("day", out var d)
            => $"{d.GetInt32():00}/{m.GetInt32():00}/{y.GetInt32()}",
        _ => value.GetRawText(),
    };

    private static string Short(string value) => value.Length <= Longest ? value : value[..Longest] + "…";
}
