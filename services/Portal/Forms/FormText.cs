using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Forms;

/// <summary>The words and parts every district form shares: the heading with the national motto, the signature block, numbering.</summary>
public static class FormText
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public const string Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Motto = "Độc lập - Tự do - Hạnh phúc";

    /// <summary>The issuing body as a heading writes it: "UBND huyện Tuy Phước" is ỦY BAN NHÂN DÂN HUYỆN TUY PHƯỚC.</summary>
    public static string IssuingBody(string unitName) =>
        (unitName.StartsWith("UBND ", StringComparison.Ordinal) ? "Ủy ban nhân dân " + unitName[5..] : unitName).ToUpper(Vietnamese);

    /// <summary>The place in the date line: "UBND huyện Tuy Phước" is Tuy Phước.</summary>
    public static string Place(string unitName)
    {
        foreach (var prefix in new[] { "UBND huyện ", "UBND thị xã ", "UBND thành phố ", "UBND tỉnh ", "UBND " })
        {
            if (unitName.StartsWith(prefix, StringComparison.Ordinal)) return unitName[prefix.Length..];
        }
        return unitName;
    }

    public static string DateLine(string place, DateOnly date) => $"{place}, ngày {date:dd} tháng {date:MM} năm {date:yyyy}";

    public static string Roman(int number) => number switch
    {
        1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", 6 => "VI", 7 => "VII", 8 => "VIII", 9 => "IX", 10 => "X",
        _ => number.ToString(CultureInfo.InvariantCulture),
    };

    // The words of a status and a block are the portal's own, in Vietnamese: the page and the form say the same.
    private static readonly System.Resources.ResourceManager Words = new("TuyPhuoc.Portal.Resources.Strings", typeof(Strings).Assembly);

    public static string Status(Status status) => status == Contracts.Evaluation.V1.Status.Unspecified ? "" : Words.GetString($"Status_{Components.Shared.StatusBadge.CssOf(status)}", Vietnamese)!;

    /// <summary>The words of a block as the services' views name it (economy, culture_society, internal_affairs, or the communes ranked among themselves).</summary>
    public static string BlockKey(string name) => name == TuyPhuoc.PlanModel.Blocks.Communes ? "Office_BlockCommunes" : $"Block_{name}";

    /// <summary>A block's words in Vietnamese, as the forms write them; "Khác" for none.</summary>
    public static string BlockLabel(string name) => Words.GetString(BlockKey(name), Vietnamese) ?? "Khác";

    public static string Block(SectorBlock block) => BlockLabel(ServiceDefaults.PublishedPlan.BlockName(block));

    /// <summary>
    /// The heading of a district form over <paramref name="columns"/> columns: the issuing body left, the national motto
    /// right, then the title and the line under it, each across the whole width.
    /// </summary>
    public static void Heading(SheetWriter sheet, int columns, string issuingBody, string? formNumber, string title, params string[] underTitle)
    {
        var left = Math.Max(2, columns * 2 / 5);
        sheet.Spans((1, left, XCell.Of(issuingBody, Look.Issuer)), (left + 1, columns, XCell.Of(Nation, Look.Motto)));
        sheet.Spans((1, left, XCell.Of(formNumber ?? "", Look.Italic)), (left + 1, columns, XCell.Of(Motto, Look.Motto)));
        sheet.Skip();
        sheet.Across(1, columns, XCell.Of(title, Look.Title));
        foreach (var line in underTitle) sheet.Across(1, columns, XCell.Of(line, Look.Italic));
        sheet.Skip();
    }

    /// <summary>
    /// The numbering row under the column heads, (1), (2), … across every column, which closes the table's head: the
    /// rows from <paramref name="head"/> on are printed on every page and stay in view on screen.
    /// </summary>
    public static void Numbering(SheetWriter sheet, int columns, int head) =>
        sheet.Write([.. Enumerable.Range(1, columns).Select(c => (XCell?)XCell.Of($"({c})", Look.Numbering))]).RepeatHead(head);

    /// <summary>
    /// The two-row head of a table of figures: each column's head spans both rows but the year's plan (column
    /// <paramref name="plan"/>), split into the province's and the district's targets; then the numbering row.
    /// </summary>
    public static void FiguresHead(SheetWriter sheet, int plan, params string[] heads)
    {
        var head = sheet.Row + 1;
        sheet.Write([.. heads.Select(h => (XCell?)XCell.Of(h, Look.Head))]);
        sheet.Write([.. Enumerable.Range(1, heads.Length).Select(c => (XCell?)XCell.Of(c == plan ? "Tỉnh giao" : c == plan + 1 ? "Huyện giao" : "", Look.Head))]);
        for (var c = 1; c <= heads.Length; c++)
        {
            if (c != plan && c != plan + 1) sheet.Merge(c, head, c, head + 1);
        }
        sheet.Merge(plan, head, plan + 1, head);
        Numbering(sheet, heads.Length, head);
    }

    /// <summary>A part of a form: its Roman number, then its title across the other columns.</summary>
    public static void Part(SheetWriter sheet, int columns, int number, string title) =>
        sheet.Spans((1, 1, XCell.Of(Roman(number), Look.Block)), (2, columns, XCell.Of(title, Look.Block)));

    /// <summary>The signature block on the right: the date line, then who signs (by default the committee's deputy chairman).</summary>
    public static void Signature(SheetWriter sheet, int columns, string place, DateOnly date, params string[] signs)
    {
        var from = Math.Max(1, columns - 3);
        sheet.Skip();
        sheet.Across(from, columns, XCell.Of(DateLine(place, date), Look.Italic));
        foreach (var line in signs.Length > 0 ? signs : ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        {
            sheet.Across(from, columns, XCell.Of(line, Look.Signature));
        }
    }
}
