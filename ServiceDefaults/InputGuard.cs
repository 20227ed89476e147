using System.Collections;

namespace TuyPhuoc.ServiceDefaults;

/// <summary>
/// The bounds every request of the suite keeps, whatever the RPC: each number is finite and within
/// <see cref="MaxMagnitude"/> (so sums over every unit and month, means and ratios stay representable), each string is
/// free of control characters (tab and line breaks allowed in free text) and of invisible format characters
/// (bidirectional overrides, zero-width characters, the byte-order mark: they make a figure or a name read otherwise
/// than it is stored), and within its length; each repeated or map field holds at most <see cref="MaxItems"/> items.
/// The services' own rules come after these.
/// </summary>
public static class InputBounds
{
    public const double MaxMagnitude = 1e15;
    public const int MaxCodeLength = 40;
    public const int MaxKeyLength = 100;
    public const int MaxFreeTextLength = 4000;
    public const int MaxTextLength = 1000;
    public const int MaxSubjectLength = 200;
    public const int MaxItems = 10_000;
    /// <summary>How much of a refused value an error message or a log quotes.</summary>
    public const int QuotedPrefix = 32;

    /// <summary>Repeated fields with a larger bound of their own, which the service that reads them keeps (the import's rows).</summary>
    private static readonly HashSet<string> OwnBound = ["tuyphuoc.submissions.v1.ImportActualsBatchRequest.rows"];

    private static readonly HashSet<string> FreeText = ["note", "solutions", "reason", "description", "answer", "content", "work_done", "difficulties", "summary", "text"];
    private static readonly HashSet<string> Keys = ["idempotency_key", "batch_idempotency_key", "page_token", "consumer"];

    public static string Quote(string value) =>
        value.Length <= QuotedPrefix ? Printable(value) : Printable(value[..QuotedPrefix]) + "…";

    /// <summary>Every violation of the bounds in a message and the messages inside it, by field path.</summary>
    public static List<FieldViolation> Check(IMessage message, string prefix = "")
    {
        var violations = new List<FieldViolation>();
        Walk(message, prefix, violations);
        return violations;
    }

    /// <summary>Why a claim of the caller's token cannot be used (a subject, unit or block), or null.</summary>
    public static string? ClaimProblem(string value) =>
        value.Length > MaxSubjectLength ? $"is longer than {MaxSubjectLength} characters" : CharacterProblem(value);

    /// <summary>
    /// Why a text a person typed cannot be kept, or null: any control character but those <paramref name="allowed"/>,
    /// or an invisible format character (Unicode category Cf: U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+FEFF and the like).
    /// </summary>
    public static string? CharacterProblem(string value, string allowed = "")
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !allowed.Contains(c)) return allowed.Length == 0 ? "contains control characters" : "contains control characters (only tab and line breaks are allowed)";
        }
        return HasFormat(value) ? FormatProblem : null;
    }

    private const string FormatProblem = "contains invisible formatting characters (such as a right-to-left override or a zero-width space)";

    private static bool HasFormat(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (System.Text.Rune.GetUnicodeCategory(rune) == System.Globalization.UnicodeCategory.Format) return true;
        }
        return false;
    }

    private static bool IsFormat(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static void Walk(IMessage message, string path, List<FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            var maxItems = OwnBound.Contains(field.FullName) ? int.MaxValue : MaxItems;
            if ((field.IsMap || field.IsRepeated) && ((ICollection)value).Count > maxItems)
            {
                violations.Add(new(name, $"holds {((ICollection)value).Count} items; at most {maxItems} are accepted"));
            }
            else if (field.IsMap)
            {
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    var at = $"{name}[{(entry.Key is string k ? Quote(k) : entry.Key)}]";
                    CheckValue(field.Name, entry.Key, at, violations);
                    CheckValue(field.Name, entry.Value, at, violations);
                }
            }
            else if (field.IsRepeated)
            {
                var i = 0;
                foreach (var item in (IList)value) CheckValue(field.Name, item, $"{name}[{i++}]", violations);
            }
            else if (field.FieldType != FieldType.Message || field.Accessor.HasValue(message))
            {
                CheckValue(field.Name, value, name, violations);
            }
        }
    }

    private static void CheckValue(string fieldName, object? value, string path, List<FieldViolation> violations)
    {
        switch (value)
        {
            case IMessage nested:
                Walk(nested, path, violations);
                break;
            case double or float when Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) is var d && (!double.IsFinite(d) || Math.Abs(d) > MaxMagnitude):
                violations.Add(new(path, $"must be a finite number between -{MaxMagnitude:0e0} and {MaxMagnitude:0e0}"));
                break;
            case string s when TextProblem(fieldName, s) is { } problem:
                violations.Add(new(path, problem));
                break;
        }
    }

    private static string? TextProblem(string field, string value)
    {
        var free = FreeText.Contains(field);
        var max = free ? MaxFreeTextLength
            : IsCode(field) ? MaxCodeLength
            : Keys.Contains(field) ? MaxKeyLength
            : MaxTextLength;
        return value.Length > max ? $"is longer than {max} characters" : CharacterProblem(value, free ? "\t\n\r" : "");
    }

    private static bool IsCode(string field) =>
        field is "code" or "block" or "unit" or "role" || field.EndsWith("_code", StringComparison.Ordinal) || field.EndsWith("_codes", StringComparison.Ordinal);

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) || IsFormat(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

/// <summary>Refuses, before any service code runs, a request or a caller outside <see cref="InputBounds"/>.</summary>
public sealed class InputGuardInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Guard(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Guard(request, context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        GuardCaller(context);
        return continuation(new GuardedReader<TRequest>(requestStream), context);
    }

    private static void Guard(object request, ServerCallContext context)
    {
        GuardCaller(context);
        if (request is IMessage message && InputBounds.Check(message) is { Count: > 0 } violations) throw new InvalidInputException(violations);
    }

    private static void GuardCaller(ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var violations = user.Claims
            .Where(c => c.Type is SuiteClaims.Subject or SuiteClaims.Role or SuiteClaims.Unit or SuiteClaims.Block)
            .Select(c => InputBounds.ClaimProblem(c.Value) is { } problem ? new FieldViolation($"token.{c.Type}", problem) : null)
            .OfType<FieldViolation>().ToList();
        if (violations.Count > 0) throw new InvalidInputException(violations);
    }

    /// <summary>Checks each message of a client stream as it is read; the n-th message's fields are named <c>messages[n]</c>.</summary>
    private sealed class GuardedReader<T>(IAsyncStreamReader<T> inner) : IAsyncStreamReader<T>
    {
        private int _index = -1;

        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken)) return false;
            _index++;
            if (inner.Current is IMessage message && InputBounds.Check(message, $"messages[{_index}]") is { Count: > 0 } violations)
            {
                throw new InvalidInputException(violations);
            }
            return true;
        }
    }
}
