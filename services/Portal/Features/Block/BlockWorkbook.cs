using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// A block's summary at the quarter's end: its district figures with their causes and solutions, the units and
/// indicators that lag, and its offices' quarterly reviews with their timeliness, from the same view as the block's page.
/// </summary>
public static class BlockWorkbook
{
    public const string Sheet = "TongHopKhoi";
    public const int Columns = 11;

    public static string FileName(BlockView view) => $"Tong-hop-{view.Block.Replace('_', '-')}-Q{view.Quarter}-{view.Year}.xlsx";

    public static void Write(Stream output, BlockView view, DateOnly today) => Xlsx.Write(output, (Sheet, sheet => Fill(sheet, view, today)));

    private static void Fill(SheetWriter sheet, BlockView v, DateOnly today)
    {
        var q = FormText.Roman(v.Quarter);
        var block = FormText.BlockLabel(v.Block);
        sheet.Widths(6, 40, 9, 12, 12, 12, 12, 10, 10, 13, 40);
        FormText.Heading(sheet, Columns, FormText.IssuingBody(v.Issuer), null,
            $"TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU {block.ToUpper(VietNumber.Culture)} QUÝ {q} NĂM {v.Year}",
            [.. v.Preliminary ? new[] { "(Số liệu sơ bộ)" } : [], Tally(v)]);

        FormText.FiguresHead(sheet, 4, "STT", "Chỉ tiêu", "ĐVT", $"Kế hoạch năm {v.Year}", "", $"Thực hiện cùng kỳ năm {v.Year - 1}", $"Lũy kế đến hết quý {q}",
            "% so KH năm", "% so cùng kỳ", "Đánh giá",
            "Ghi chú (nguyên nhân, giải pháp)");

        Part(sheet, 1, $"CÁC CHỈ TIÊU CỦA {block.ToUpper(VietNumber.Culture)}");
        var n = 0;
        foreach (var f in v.Figures)
        {
            sheet.Write(XCell.Of((++n).ToString(VietNumber.Culture), Look.Centered), XCell.Of(f.Name), XCell.Of(f.UnitOfMeasure, Look.Centered),
                XCell.Of(f.ProvinceTarget), XCell.Of(f.DistrictTarget), XCell.Of(f.SamePeriodLastYear), XCell.Of(f.YearToDate), XCell.Of(f.Progress, Look.Percent),
                XCell.Of(f.VersusLastYear, Look.Percent),
                XCell.Of(FormText.Status(f.Status), Look.Centered), XCell.Of(Remarks([f.Office], f.Causes, f.Solutions)));
        }

        Part(sheet, 2, "CÁC ĐƠN VỊ, CHỈ TIÊU CHƯA ĐẠT");
        n = 0;
        foreach (var l in v.Laggards)
        {
            sheet.Write(XCell.Of((++n).ToString(VietNumber.Culture), Look.Centered), XCell.Of(l.Name), XCell.Of(l.UnitOfMeasure, Look.Centered),
                XCell.Of(l.UnitName), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of(l.Progress, Look.Percent), XCell.Of((string?)null),
                XCell.Of(FormText.Status(l.Status), Look.Centered), XCell.Of(Remarks([], l.Causes, l.Solutions)));
            sheet.Merge(4, sheet.Row, 5, sheet.Row);
        }

        Part(sheet, 3, "BÁO CÁO ĐÁNH GIÁ QUÝ CỦA CÁC PHÒNG, BAN");
        n = 0;
        foreach (var r in v.Reviews)
        {
            var items = r.Items.Select(i => string.Join("; ", new[] { i.Name, i.Difficulties.Length > 0 ? "Khó khăn: " + i.Difficulties : "", i.Solutions.Length > 0 ? "Giải pháp: " + i.Solutions : "" }.Where(s => s.Length > 0)));
            sheet.Spans((1, 1, XCell.Of((++n).ToString(VietNumber.Culture), Look.Centered)), (2, 2, XCell.Of(r.OfficeName)),
                (3, 5, XCell.Of(Timeliness(r), Look.Centered)), (6, Columns, XCell.Of(string.Join("\n", [r.Filed ? r.Summary : "Chưa gửi", .. items]))));
        }

        FormText.Signature(sheet, Columns, FormText.Place(v.Issuer), today);
    }

    private static string Tally(BlockView v) =>
        $"Tổng số {v.Counts.Sum(c => c.Count)} chỉ tiêu: " + string.Join("; ", v.Counts.Where(c => c.Count > 0).Select(c => $"{FormText.Status(c.Status)} {c.Count}"))
        + $"; đạt mức kiểm điểm {v.CheckpointPassed}, dưới mức kiểm điểm {v.CheckpointFailed}";

    private static string Timeliness(ReviewCard r) => r.Mark.Timeliness switch
    {
        Contracts.Submissions.V1.Timeliness.OnTime => $"Đúng hạn ({r.Deadline:dd/MM/yyyy})",
        Contracts.Submissions.V1.Timeliness.Late => $"Trễ {r.Mark.DaysLate} ngày (hạn {r.Deadline:dd/MM/yyyy})",
        Contracts.Submissions.V1.Timeliness.Missing => $"Chưa gửi, quá hạn {r.Mark.DaysLate} ngày",
        _ => $"Chưa đến hạn ({r.Deadline:dd/MM/yyyy})",
    };

    private static string Remarks(IEnumerable<string> first, IReadOnlyList<string>? causes, IReadOnlyList<string>? solutions) =>
        string.Join("; ", [.. first.Where(s => s.Length > 0), .. causes ?? [], .. solutions is { Count: > 0 } ? ["Giải pháp: " + string.Join("; ", solutions)] : Array.Empty<string>()]);

    private static void Part(SheetWriter sheet, int number, string title) => FormText.Part(sheet, Columns, number, title);
}
