using System.Text.RegularExpressions;
using Google.Rpc;

namespace TuyPhuoc.Portal.Suite;

/// <summary>What went wrong with a call, in the person's language: one message, and the refused fields with their reasons.</summary>
public sealed record Problem(string Message, IReadOnlyDictionary<string, string> Fields)
{
    public static Problem Of(string message) => new(message, new Dictionary<string, string>());
}

public static partial class Problems
{
    public static Problem Of(RpcException e, IStringLocalizer<Strings> l)
    {
        var fields = (e.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            .GroupBy(v => v.Field)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(v => Reason(v.Description, l))));
        var message = e.StatusCode switch
        {
            StatusCode.InvalidArgument => l["ProblemInvalid"],
            StatusCode.PermissionDenied => l["ProblemForbidden"],
            StatusCode.NotFound => l["ProblemNotFound"],
            StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.AlreadyExists => l["ProblemConflict", Reason(e.Status.Detail, l)],
            StatusCode.Unauthenticated => l["ProblemSessionEnded"],
            StatusCode.ResourceExhausted => l["ProblemBusy"],
            _ => l["ProblemServiceDown"],
        };
        return new Problem(message, fields);
    }

    /// <summary>The services' reasons are English: the common ones are said in the person's language, the rest as they came.</summary>
    public static string Reason(string description, IStringLocalizer<Strings> l)
    {
        if (Negative().IsMatch(description)) return l["ReasonNegative"];
        if (Between().Match(description) is { Success: true } between) return l["ReasonBetween", Number(between.Groups[1].Value), Number(between.Groups[2].Value)];
        if (Longer().Match(description) is { Success: true } longer) return l["ReasonTooLong", longer.Groups[1].Value];
        if (description == "lies in the future") return l["ReasonFutureDay"];
        if (description == "lies in the past") return l["ReasonPastDay"];
        if (BeforeReferral().Match(description) is { Success: true } before) return l["ReasonBeforeReferral", Day(before.Groups[1].Value)];
        if (BeforeQuarterEnd().Match(description) is { Success: true } quarterEnd) return l["ReasonBeforeQuarterEnd", Day(quarterEnd.Groups[1].Value)];
        if (description.Contains("lies in the future", StringComparison.Ordinal)) return l["ReasonFuture"];
        if (description == "is required") return l["ReasonRequired"];
        if (description.StartsWith("contains control characters", StringComparison.Ordinal)) return l["ReasonControl"];
        if (description.StartsWith("contains invisible formatting characters", StringComparison.Ordinal)) return l["ReasonInvisible"];
        if (More().Match(description) is { Success: true } more) return l["ReasonMore", more.Groups[1].Value];
        if (description.StartsWith("must be 2-40 characters", StringComparison.Ordinal)) return l["ReasonCode"];
        if (NoUnitOn().Match(description) is { Success: true } unit) return l["ReasonNoUnitOn", unit.Groups[1].Value, Day(unit.Groups[2].Value)];
        if (AfterStart().Match(description) is { Success: true } start) return l["ReasonAfterStart", Day(start.Groups[1].Value)];
        if (description == "a unit cannot merge into itself") return l["ReasonSelfMerge"];
        if (StillPlanned().Match(description) is { Success: true } planned) return l["ReasonStillPlanned", planned.Groups[1].Value, planned.Groups[2].Value];
        if (description == "needs its difficulties or its solutions") return l["ReasonReviewItem"];
        if (description == "cannot be changed: create a new indicator") return l["ReasonCannotChange"];
        if (NotBelow().Match(description) is { Success: true } below) return l["ReasonNotBelowField", l[$"Scheme_{below.Groups[1].Value}"]];
        if (BelowUpper().Match(description) is { Success: true } upper) return l["ReasonBelowUpperLevel", Number(upper.Groups[1].Value)];
        if (description.StartsWith("names no unit of the plan: ", StringComparison.Ordinal)) return l["ReasonNoSuchUnit", description["names no unit of the plan: ".Length..]];
        if (description == "is empty: name the lead unit") return l["ReasonNoLead"];
        if (description == "names more than one lead unit") return l["ReasonTwoLeads"];
        if (description == "min must be below max") return l["ReasonMinBelowMax"];
        if (description.EndsWith("' is not an office", StringComparison.Ordinal)) return l["ReasonNotAnOffice"];
        return description;
    }

    private static string Number(string invariant) =>
        // Four digits stay as written: a year (2027) is no amount.
        !double.TryParse(invariant, System.Globalization.CultureInfo.InvariantCulture, out var value) ? invariant
        : value == Math.Floor(value) && Math.Abs(value) < 10_000 ? invariant : VietNumber.Format(value);

    private static string Day(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) : iso;

    [GeneratedRegex(@"^is before the referral of (\d{4}-\d{2}-\d{2})$")]
    private static partial Regex BeforeReferral();

    [GeneratedRegex(@"^is before the quarter's last day (\d{4}-\d{2}-\d{2})$")]
    private static partial Regex BeforeQuarterEnd();

    [GeneratedRegex(@"^'(.*)' is not a unit in existence on (\d{4}-\d{2}-\d{2})$")]
    private static partial Regex NoUnitOn();

    [GeneratedRegex(@"^must be after the unit's start (\d{4}-\d{2}-\d{2})$")]
    private static partial Regex AfterStart();

    [GeneratedRegex(@"^Indicator (\S+) is in the plan of (\d{4}); revise that plan first\.$")]
    private static partial Regex StillPlanned();

    [GeneratedRegex(@"^must not be below (\S+)$")]
    private static partial Regex NotBelow();

    [GeneratedRegex(@"^must be below classes\[\d+\]\.min_total \((.+)\)$")]
    private static partial Regex BelowUpper();

    [GeneratedRegex("^must not be negative")]
    private static partial Regex Negative();

    [GeneratedRegex(@"^must (?:lie|be) between (\S+) and (\S+)")]
    private static partial Regex Between();

    [GeneratedRegex(@"^and (\d+) more$")]
    private static partial Regex More();

    [GeneratedRegex(@"^is longer than (\d+) characters")]
    private static partial Regex Longer();
}
