using TuyPhuoc.Contracts.Evaluation.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>
/// The Finance-Planning office's quarterly report, "Biểu số 01", in the layout of a district report: the district
/// figures block by block (I, II, III), the commune-allocated indicators unit by unit, the indicators below the
/// checkpoint, the counts as the Evaluation gives them, and the signature block.
/// </summary>
public static class QuarterReportWorkbook
{
    public const string Sheet = "Bieu01";
    public const int Columns = 13;

    public static string FileName(int year, int quarter, int version = 0) => $"Bieu-so-01-Q{quarter}-{year}" + (version > 0 ? $"-thong-bao-lan-{version}" : "") + ".xlsx";

    public static void Write(Stream output, QuarterReportView view) => Xlsx.Write(output, (Sheet, sheet => Fill(sheet, view)));

    private static void Fill(SheetWriter sheet, QuarterReportView v)
    {
        var q = FormText.Roman(v.Quarter);
        sheet.Widths(6, 40, 9, 11, 11, 12, 12, 12, 9, 11, 9, 13, 38);
        FormText.Heading(sheet, Columns, FormText.IssuingBody(v.Issuer), "Biểu số 01",
            $"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI QUÝ {q} NĂM {v.Year}",
            [v.Number is { } issued ? $"(Kèm theo Thông báo số {issued} ngày {v.Date.ToString("dd/MM/yyyy", VietNumber.Culture)} của {v.Issuer})"
                : $"(Kèm theo Báo cáo số       /BC-UBND ngày     /     /{v.Year} của {v.Issuer})", .. v.Preliminary ? new[] { "(Số liệu sơ bộ)" } : []]);

        FormText.FiguresHead(sheet, 4, "STT", "Chỉ tiêu", "ĐVT", $"Kế hoạch năm {v.Year}", "", $"Thực hiện cùng kỳ năm {v.Year - 1}",
            $"Thực hiện quý {q}", $"Lũy kế đến hết quý {q}", "% so KH năm", "% so KH quý (kể cả phần thiếu chuyển sang)", "% so cùng kỳ", "Đánh giá", "Ghi chú (cơ quan chủ trì, nguyên nhân)");

        var part = 0;
        var number = 0;
        foreach (var block in v.Figures.GroupBy(f => f.Block))
        {
            Part(sheet, ++part, FormText.BlockLabel(block.Key).ToUpperInvariant());
            foreach (var f in block)
            {
                string[] remarks = [f.Office, .. f.SamePeriodFormer is { Count: > 0 } former ? ["Cùng kỳ gồm cả: " + string.Join(", ", former)] : Array.Empty<string>(),
                    .. f.NotReported.Count > 0 ? ["Chưa báo cáo: " + string.Join(", ", f.NotReported)] : Array.Empty<string>(), .. f.Causes ?? [], .. Solutions(f.Solutions)];
                sheet.Write(XCell.Of((++number).ToString(), Look.Centered), XCell.Of(f.Name), XCell.Of(f.UnitOfMeasure, Look.Centered),
                    XCell.Of(f.ProvinceTarget), XCell.Of(f.DistrictTarget), XCell.Of(f.SamePeriodLastYear), XCell.Of(f.QuarterActual), XCell.Of(f.YearToDate),
                    XCell.Of(f.Progress, Look.Percent), XCell.Of(f.PercentOfQuarter, Look.Percent), XCell.Of(f.VersusLastYear, Look.Percent),
                    XCell.Of(FormText.Status(f.Status), Look.Centered), XCell.Of(string.Join("; ", remarks.Where(r => r.Length > 0))));
            }
        }

        Part(sheet, ++part, "CÁC CHỈ TIÊU GIAO CHO XÃ, THỊ TRẤN");
        foreach (var unit in v.Allocated.GroupBy(c => c.UnitName))
        {
            sheet.Spans((1, 1, XCell.Of("", Look.Block)), (2, Columns, XCell.Of(unit.Key, Look.Block)));
            var n = 0;
            foreach (var c in unit)
            {
                sheet.Write(XCell.Of((++n).ToString(), Look.Centered), XCell.Of(c.Name), XCell.Of(c.UnitOfMeasure, Look.Centered),
                    XCell.Of((string?)null), XCell.Of(c.YearTarget), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null),
                    XCell.Of(c.Progress, Look.Percent), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of(FormText.Status(c.Status), Look.Centered), XCell.Of((string?)null));
            }
        }

        Part(sheet, ++part, $"CÁC CHỈ TIÊU DƯỚI MỨC KIỂM ĐIỂM QUÝ {q}");
        var below = 0;
        foreach (var l in v.BelowCheckpoint)
        {
            var minimum = l.Minimum is { } m ? $"; mức kiểm điểm {VietNumber.Percent(m)} KH năm" : "";
            sheet.Write(XCell.Of((++below).ToString(), Look.Centered), XCell.Of(l.Name), XCell.Of(l.UnitOfMeasure, Look.Centered),
                XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null),
                XCell.Of(l.Progress, Look.Percent), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of(FormText.Status(l.Status), Look.Centered),
                XCell.Of(string.Join("; ", [l.UnitName + minimum, .. l.Causes ?? [], .. Solutions(l.Solutions)])));
        }

        Counts(sheet, v);
        FormText.Signature(sheet, Columns, FormText.Place(v.Issuer), v.Date);
    }

    private static string[] Solutions(IReadOnlyList<string>? solutions) => solutions is { Count: > 0 } ? ["Giải pháp: " + string.Join("; ", solutions)] : [];

    private static void Part(SheetWriter sheet, int number, string title) => FormText.Part(sheet, Columns, number, title);

    /// <summary>The counts of the district figures by source and in all, exactly as the Evaluation counted them.</summary>
    private static void Counts(SheetWriter sheet, QuarterReportView v)
    {
        static double Count(IEnumerable<StatusTally> counts, Status status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        Status[] statuses = [Status.Achieved, Status.AtRisk, Status.NotAchieved, Status.NoData, Status.JudgedAtYearEnd];
        sheet.Skip();
        sheet.Across(1, Columns, XCell.Of($"TỔNG HỢP KẾT QUẢ QUÝ {FormText.Roman(v.Quarter)}", Look.Block));
        sheet.WriteAt(2, [XCell.Of("Nhóm chỉ tiêu", Look.Head), XCell.Of("Số chỉ tiêu", Look.Head), .. statuses.Select(st => (XCell?)XCell.Of(FormText.Status(st), Look.Head)),
            XCell.Of("Đạt mức kiểm điểm", Look.Head), XCell.Of("Dưới mức kiểm điểm", Look.Head)]);
        foreach (var source in v.BySource)
        {
            sheet.WriteAt(2, [XCell.Of(source.Source == "province" ? "Chỉ tiêu tỉnh giao" : "Chỉ tiêu huyện giao"), XCell.Of(source.Indicators),
                .. statuses.Select(st => (XCell?)XCell.Of(Count(source.Counts, st))), XCell.Of(source.CheckpointPassed), XCell.Of(source.CheckpointFailed)]);
        }
        sheet.WriteAt(2, [XCell.Of("Tổng số", Look.Block), XCell.Of(v.Counts.Sum(c => c.Count)), .. statuses.Select(st => (XCell?)XCell.Of(Count(v.Counts, st))),
            XCell.Of(v.BySource.Sum(b => b.CheckpointPassed)), XCell.Of(v.BySource.Sum(b => b.CheckpointFailed))]);
    }
}
