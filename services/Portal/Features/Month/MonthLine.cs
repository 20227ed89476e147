using System.Security.Cryptography;
using System.Text;
using TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>One indicator's line of the month's form while the person edits it: the text typed, the note, the errors beside them.</summary>
public sealed class MonthLine(MonthRow row)
{
    public MonthRow Row { get; private set; } = row;
    public string Code => Row.Indicator.Code;
    public string Text { get; set; } = row.Stored is { } c ? VietNumber.Input(c.Value) : "";
    public string Note { get; set; } = row.Stored?.Note ?? "";
    public string Solutions { get; set; } = row.Stored?.Solutions ?? "";
    public string? ValueError { get; set; }
    public string? NoteError { get; set; }
    public string? SolutionsError { get; set; }
    public IReadOnlyList<Cell>? History { get; set; }

    /// <summary>What the person typed, read as a number; null when nothing is typed.</summary>
    public bool TryRead(out double? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(Text)) return true;
        if (!VietNumber.TryParse(Text, out var parsed)) return false;
        value = parsed;
        return true;
    }

    /// <summary>True when the line holds something to store: a new value, or new words to a stored one.</summary>
    public bool Changed => TryRead(out var value) && value is { } v && (Row.Stored is not { } stored || stored.Value != v || stored.Note != Note || stored.Solutions != Solutions);

    /// <summary>
    /// The key of this exact write: the same content on the same revision gives the same key, so a double click or a
    /// retry stores nothing twice, and a later correction (a new revision) is a new write.
    /// </summary>
    public string IdempotencyKey(string form, int month, double value)
    {
        var content = SHA256.HashData(Encoding.UTF8.GetBytes(value.ToString("R", CultureInfo.InvariantCulture) + "\n" + Note + "\n" + Solutions));
        return $"portal-{form}-{Code}-{month}-r{Row.Stored?.Revision ?? 0}-{Convert.ToHexString(content, 0, 8)}";
    }

    public void Stored(ActualRevision revision)
    {
        Row = Row with { Stored = Cell.From(revision) };
        (Text, Note, Solutions, ValueError, NoteError, SolutionsError, History) = (VietNumber.Input(revision.Value), revision.Note, revision.Solutions, null, null, null, null);
    }
}
