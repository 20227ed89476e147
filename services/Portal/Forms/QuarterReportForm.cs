using TuyPhuoc.Contracts.Evaluation.V1;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Forms;

/// <summary>
/// What "Biểu số 01" is made of: the Evaluation's quarterly report, the plan it judges (province's targets,
/// allocations), the catalog and the units for names, the causes the units noted in the quarter by indicator, the date.
/// </summary>
public sealed record QuarterReportSource(QuarterReport Report, Plan Plan, IReadOnlyDictionary<string, Indicator> Catalog,
    IReadOnlyDictionary<string, Unit> Units, IReadOnlyDictionary<string, IReadOnlyList<string>> Causes, DateOnly Date)
{
    /// <summary>
    /// The causes the units noted in the quarter's months, by indicator, each once: the responsible office's as written,
    /// a commune's after its name.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CausesOf(IEnumerable<Contracts.Submissions.V1.ActualRevision> actuals, int quarter,
        IReadOnlyDictionary<string, Indicator> catalog, IReadOnlyDictionary<string, Unit> units) =>
        actuals.Where(a => (a.Month + 2) / 3 == quarter && a.Note.Trim().Length > 0).OrderBy(a => a.Month)
            .GroupBy(a => a.IndicatorCode)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(a =>
                catalog.GetValueOrDefault(a.IndicatorCode)?.ResponsibleOfficeCode == a.UnitCode ? a.Note.Trim()
                : $"{units.GetValueOrDefault(a.UnitCode)?.Name ?? a.UnitCode}: {a.Note.Trim()}").Distinct()]);
}

/// <summary>
/// The Finance-Planning office's quarterly report, "Biểu số 01", in the layout of a district report: the district
/// figures block by block (I, II, III), the commune-allocated indicators unit by unit, the indicators below the
/// checkpoint, the counts as the Evaluation gives them, and the signature block.
/// </summary>
public static class QuarterReportForm
{
    public const string Sheet = "Bieu01";
    public const int Columns = 11;

    public static string FileName(int year, int quarter) => $"Bieu-so-01-Q{quarter}-{year}.xlsx";

    public static void Write(Stream output, QuarterReportSource source) => Xlsx.Write(output, (Sheet, sheet => Fill(sheet, source)));

    private static void Fill(SheetWriter sheet, QuarterReportSource s)
    {
        var (report, q) = (s.Report, s.Report.Quarter);
        var district = s.Units.Values.FirstOrDefault(u => u.Kind == UnitKind.District)?.Name ?? "UBND huyện";
        var targets = s.Plan.Targets.ToDictionary(t => t.IndicatorCode);
        string UnitName(string code) => s.Units.TryGetValue(code, out var u) ? u.Name : code;
        Indicator? Of(string code) => s.Catalog.GetValueOrDefault(code);

        sheet.Widths(6, 46, 10, 12, 12, 13, 13, 10, 12, 14, 42);
        FormText.Heading(sheet, Columns, FormText.IssuingBody(district), "Biểu số 01",
            $"BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI QUÝ {FormText.Roman(q)} NĂM {report.Year}",
            [$"(Kèm theo Báo cáo số       /BC-UBND ngày     /     /{report.Year} của {district})", .. report.Preliminary ? new[] { "(Số liệu sơ bộ)" } : []]);

        var head = sheet.Row + 1;
        sheet.Write(XCell.Of("STT", Look.Head), XCell.Of("Chỉ tiêu", Look.Head), XCell.Of("ĐVT", Look.Head), XCell.Of($"Kế hoạch năm {report.Year}", Look.Head),
            XCell.Of("", Look.Head), XCell.Of($"Thực hiện quý {FormText.Roman(q)}", Look.Head), XCell.Of($"Lũy kế đến hết quý {FormText.Roman(q)}", Look.Head),
            XCell.Of("% so KH năm", Look.Head), XCell.Of("% so KH quý (kể cả phần thiếu chuyển sang)", Look.Head), XCell.Of("Đánh giá", Look.Head),
            XCell.Of("Ghi chú (cơ quan chủ trì, nguyên nhân)", Look.Head));
        sheet.Write([.. Enumerable.Range(1, Columns).Select(c => (XCell?)XCell.Of(c switch { 4 => "Tỉnh giao", 5 => "Huyện giao", _ => "" }, Look.Head))]);
        for (var c = 1; c <= Columns; c++)
        {
            if (c is not (4 or 5)) sheet.Merge(c, head, c, head + 1);
        }
        sheet.Merge(4, head, 5, head);
        FormText.Numbering(sheet, Columns, head);

        var part = 0;
        var number = 0;
        foreach (var block in report.DistrictFigures.GroupBy(f => FormText.Block(f.Block)).OrderBy(g => g.Key == SectorBlock.Unspecified ? 9 : (int)g.Key))
        {
            Part(sheet, ++part, FormText.Block(block.Key).ToUpperInvariant());
            foreach (var f in block.OrderBy(f => f.IndicatorCode, StringComparer.Ordinal))
            {
                var indicator = Of(f.IndicatorCode);
                var quarter = f.Quarters.FirstOrDefault(x => x.Quarter == q);
                var target = targets.GetValueOrDefault(f.IndicatorCode);
                var notes = new List<string>();
                if (indicator is not null) notes.Add(UnitName(indicator.ResponsibleOfficeCode));
                if (f.UnitsNotReported.Count > 0) notes.Add("Chưa báo cáo: " + string.Join(", ", f.UnitsNotReported.Select(UnitName)));
                notes.AddRange(s.Causes.GetValueOrDefault(f.IndicatorCode) ?? []);
                sheet.Write(XCell.Of((++number).ToString(), Look.Centered), XCell.Of(indicator?.Name ?? f.IndicatorCode), XCell.Of(indicator?.UnitOfMeasure, Look.Centered),
                    XCell.Of(target?.HasProvinceTarget == true ? target.ProvinceTarget : null), XCell.Of(f.YearTarget),
                    XCell.Of(quarter?.HasActual == true ? quarter.Actual : null), XCell.Of(quarter?.HasYearToDate == true ? quarter.YearToDate : null),
                    XCell.Of(f.HasProgress ? f.Progress : null, Look.Percent), XCell.Of(quarter?.HasPercentOfRequirement == true ? quarter.PercentOfRequirement : null, Look.Percent),
                    XCell.Of(FormText.Status(f.Status), Look.Centered), XCell.Of(string.Join("; ", notes)));
            }
        }

        Part(sheet, ++part, "CÁC CHỈ TIÊU GIAO CHO XÃ, THỊ TRẤN");
        foreach (var unit in report.AllocatedCells.GroupBy(c => c.UnitCode).OrderBy(g => UnitName(g.Key), StringComparer.Ordinal))
        {
            sheet.Spans((1, 1, XCell.Of("", Look.Block)), (2, Columns, XCell.Of(UnitName(unit.Key), Look.Block)));
            var n = 0;
            foreach (var cell in unit.OrderBy(c => c.IndicatorCode, StringComparer.Ordinal))
            {
                var indicator = Of(cell.IndicatorCode);
                var allocation = targets.GetValueOrDefault(cell.IndicatorCode)?.Allocations.FirstOrDefault(a => a.UnitCode == cell.UnitCode);
                sheet.Write(XCell.Of((++n).ToString(), Look.Centered), XCell.Of(indicator?.Name ?? cell.IndicatorCode), XCell.Of(indicator?.UnitOfMeasure, Look.Centered),
                    XCell.Of((string?)null), XCell.Of(allocation?.YearTarget), XCell.Of((string?)null), XCell.Of((string?)null),
                    XCell.Of(cell.HasProgress ? cell.Progress : null, Look.Percent), XCell.Of((string?)null), XCell.Of(FormText.Status(cell.Status), Look.Centered), XCell.Of((string?)null));
            }
        }

        Part(sheet, ++part, $"CÁC CHỈ TIÊU DƯỚI MỨC KIỂM ĐIỂM QUÝ {FormText.Roman(q)}");
        var below = 0;
        foreach (var laggard in report.CheckpointFailures.OrderBy(l => UnitName(l.UnitCode), StringComparer.Ordinal).ThenBy(l => l.IndicatorCode, StringComparer.Ordinal))
        {
            var indicator = Of(laggard.IndicatorCode);
            var minimum = laggard.HasCheckpointMinimum ? $"; mức kiểm điểm {Suite.VietNumber.Percent(laggard.CheckpointMinimum)} KH năm" : "";
            sheet.Write(XCell.Of((++below).ToString(), Look.Centered), XCell.Of(indicator?.Name ?? laggard.IndicatorCode), XCell.Of(indicator?.UnitOfMeasure, Look.Centered),
                XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null), XCell.Of((string?)null),
                XCell.Of(laggard.HasProgress ? laggard.Progress : null, Look.Percent), XCell.Of((string?)null), XCell.Of(FormText.Status(laggard.Status), Look.Centered),
                XCell.Of(UnitName(laggard.UnitCode) + minimum));
        }

        Counts(sheet, report);
        FormText.Signature(sheet, Columns, FormText.Place(district), s.Date);
    }

    private static void Part(SheetWriter sheet, int number, string title) =>
        sheet.Spans((1, 1, XCell.Of(FormText.Roman(number), Look.Block)), (2, Columns, XCell.Of(title, Look.Block)));

    /// <summary>The counts of the district figures by source and in all, exactly as the Evaluation counted them.</summary>
    private static void Counts(SheetWriter sheet, QuarterReport report)
    {
        static double Count(IEnumerable<StatusCount> counts, Status status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        Status[] statuses = [Status.Achieved, Status.AtRisk, Status.NotAchieved, Status.NoData, Status.JudgedAtYearEnd];
        sheet.Skip();
        sheet.Across(1, Columns, XCell.Of($"TỔNG HỢP KẾT QUẢ QUÝ {FormText.Roman(report.Quarter)}", Look.Block));
        sheet.WriteAt(2, [XCell.Of("Nhóm chỉ tiêu", Look.Head), XCell.Of("Số chỉ tiêu", Look.Head), .. statuses.Select(st => (XCell?)XCell.Of(FormText.Status(st), Look.Head)),
            XCell.Of("Đạt mức kiểm điểm", Look.Head), XCell.Of("Dưới mức kiểm điểm", Look.Head)]);
        foreach (var source in report.BySource)
        {
            sheet.WriteAt(2, [XCell.Of(source.Source == "province" ? "Chỉ tiêu tỉnh giao" : "Chỉ tiêu huyện giao"), XCell.Of(source.Indicators),
                .. statuses.Select(st => (XCell?)XCell.Of(Count(source.Counts, st))), XCell.Of(source.CheckpointPassed), XCell.Of(source.CheckpointFailed)]);
        }
        sheet.WriteAt(2, [XCell.Of("Tổng số", Look.Block), XCell.Of(report.Counts.Sum(c => c.Count)), .. statuses.Select(st => (XCell?)XCell.Of(Count(report.Counts, st))),
            XCell.Of(report.BySource.Sum(b => b.CheckpointPassed)), XCell.Of(report.BySource.Sum(b => b.CheckpointFailed))]);
    }
}
