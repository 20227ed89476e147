namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>A non-empty cell of an annex sheet: its column letters, its row number, its text, and its number when it holds one.</summary>
public sealed record AnnexCell(string Column, int Row, string Text, double? Number)
{
    public string Reference => $"{Column}{Row}";
}
