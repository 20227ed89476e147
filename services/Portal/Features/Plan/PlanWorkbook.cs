using Google.Protobuf;
using TuyPhuoc.Contracts.Plans.V1;

namespace TuyPhuoc.Portal.Features;

/// <summary>A plan read from an uploaded workbook: the decision and its targets, with the cell each field came from; or the wrong cells.</summary>
public sealed record PlanUpload(int Year, string DecisionNumber, DateOnly? DecisionDate, DateOnly? EffectiveFrom, string Reason, bool FromStartOfYear,
    IReadOnlyList<Target> Targets, IReadOnlyDictionary<string, string> Cells, IReadOnlyList<CellError> Errors)
{
    public CreatePlanRequest Create(string idempotencyKey) => new()
    {
        Year = Year, DecisionNumber = DecisionNumber, DecisionDate = DecisionDate?.ToProto(), EffectiveFrom = EffectiveFrom?.ToProto(),
        Targets = { Targets }, IdempotencyKey = idempotencyKey,
    };

    public RevisePlanRequest Revise(string idempotencyKey) => new()
    {
        Year = Year, DecisionNumber = DecisionNumber, DecisionDate = DecisionDate?.ToProto(), EffectiveFrom = EffectiveFrom?.ToProto(), Reason = Reason,
        AppliesFromStartOfYear = FromStartOfYear, Targets = { Targets }, IdempotencyKey = idempotencyKey,
    };

    /// <summary>
    /// A field the plans refused (targets[3].allocations[2].months[4], decision_date…) at the cell it came from: the
    /// field's own cell, else the nearest enclosing one (the indicator's row).
    /// </summary>
    public CellError At(string field, string reason)
    {
        for (var path = field; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
        {
            if (Cells.TryGetValue(path, out var cell)) return new(cell[..cell.IndexOf('!')], cell[(cell.IndexOf('!') + 1)..], reason);
        }
        return new(PlanWorkbook.TargetsSheet, "A1", reason);
    }
}

/// <summary>
/// The year's plan in the layout of a district decision's annex: the indicators block by block with the year's
/// targets (province's and district's) and their phasing by quarter and month, and the allocations to the communes on
/// a second sheet. Written from GetPlan; read back into a CreatePlan or RevisePlan request, every wrong cell named.
/// </summary>
public static class PlanWorkbook
{
    public const string TargetsSheet = "ChiTieu", AllocationsSheet = "PhanBo";
    // Targets: A STT, B name, C code, D unit of measure, E province, F district, G baseline, H aggregation, I-L quarters, M-X months.
    public const int TargetColumns = 24, CodeColumn = 3, ProvinceColumn = 5, DistrictColumn = 6, BaselineColumn = 7, AggregationColumn = 8, QuarterColumn = 9, MonthColumn = 13;
    // Allocations: A STT, B indicator, C its code, D unit, E its code, F year target, G weight, H-S months.
    public const int AllocationColumns = 19, AllocationUnitColumn = 5, AllocationTargetColumn = 6, WeightColumn = 7, AllocationMonthColumn = 8;
    public const int YearRow = 7, DecisionRow = 8, DecisionDateRow = 9, EffectiveRow = 10, ReasonRow = 11, FromStartRow = 12, TargetsHead = 14, FirstTarget = 17;
    private const string Yes = "Có", No = "Không";
    public const int AllocationsHead = 7, FirstAllocation = 9;

    private static readonly IReadOnlyDictionary<Aggregation, string> Aggregations = new Dictionary<Aggregation, string>
    {
        [Aggregation.Unspecified] = "",
        [Aggregation.Sum] = "Tổng",
        [Aggregation.Mean] = "Trung bình",
        [Aggregation.WeightedMean] = "Trung bình có trọng số",
        [Aggregation.ResponsibleOffice] = "Cơ quan chủ trì báo cáo",
    };

    public static string FileName(int year) => $"Ke-hoach-chi-tieu-{year}.xlsx";

    /// <summary>The year's plan with every revision decided for it (as it stands at the year's end), as it is exported and revised.</summary>
    public static GetPlanRequest Request(int year) => new() { Year = year, AsOf = new DateOnly(year, 12, 31).ToProto() };

    /// <summary>The plan's view as the page shows it; a view without a plan has no workbook.</summary>
    public static void Write(Stream output, PlanView view) =>
        Xlsx.Write(output, (TargetsSheet, sheet => WriteTargets(sheet, view)), (AllocationsSheet, sheet => WriteAllocations(sheet, view)));

    private static void WriteTargets(SheetWriter sheet, PlanView view)
    {
        var (plan, catalog) = (view.Plan!, view.Catalog);
        var revision = plan.Revision;
        sheet.Widths([6, 44, 8, 9, 11, 11, 10, 14, .. Enumerable.Repeat(10.0, 16)]);
        FormText.Heading(sheet, TargetColumns, FormText.IssuingBody(catalog.DistrictName), "Phụ lục",
            $"CHỈ TIÊU KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {plan.Year}",
            $"(Kèm theo Quyết định số {revision?.DecisionNumber} ngày {revision?.DecisionDate.ToDate("")?.ToString("dd/MM/yyyy", VietNumber.Culture)} của {catalog.DistrictName})");
        sheet.WriteAt(2, XCell.Of("Năm", Look.Plain), XCell.Of(plan.Year, Look.Plain));
        sheet.WriteAt(2, XCell.Of("Số quyết định", Look.Plain), XCell.Of(revision?.DecisionNumber, Look.Plain));
        sheet.WriteAt(2, XCell.Of("Ngày quyết định", Look.Plain), revision?.DecisionDate.ToDate("") is { } decided ? XCell.Date(decided) : XCell.Of("", Look.Plain));
        sheet.WriteAt(2, XCell.Of("Ngày hiệu lực", Look.Plain), revision?.EffectiveFrom.ToDate("") is { } effective ? XCell.Date(effective) : XCell.Of("", Look.Plain));
        sheet.WriteAt(2, XCell.Of("Lý do (khi điều chỉnh)", Look.Plain), XCell.Of(revision?.Reason, Look.Plain));
        sheet.WriteAt(2, XCell.Of("Áp dụng từ đầu năm (khi điều chỉnh)", Look.Plain), XCell.Of(revision?.AppliesFromStartOfYear == true ? Yes : No, Look.Plain));
        sheet.Skip();

        XCell Head(string text) => XCell.Of(text, Look.Head);
        sheet.Write([Head("STT"), Head("Chỉ tiêu"), Head("Mã"), Head("ĐVT"), Head($"Kế hoạch năm {plan.Year}"), Head(""), Head("Năm trước"), Head("Cách tổng hợp"),
            Head("Kế hoạch quý"), .. Enumerable.Repeat<XCell?>(Head(""), 3), Head("Kế hoạch tháng"), .. Enumerable.Repeat<XCell?>(Head(""), 11)]);
        sheet.Write([.. Enumerable.Repeat<XCell?>(Head(""), 4), Head("Tỉnh giao"), Head("Huyện giao"), Head(""), Head(""),
            .. Enumerable.Range(1, 4).Select(q => (XCell?)Head(FormText.Roman(q))), .. Enumerable.Range(1, 12).Select(m => (XCell?)Head(m.ToString()))]);
        foreach (var c in new[] { 1, 2, 3, 4, BaselineColumn, AggregationColumn }) sheet.Merge(c, TargetsHead, c, TargetsHead + 1);
        sheet.Merge(ProvinceColumn, TargetsHead, DistrictColumn, TargetsHead).Merge(QuarterColumn, TargetsHead, QuarterColumn + 3, TargetsHead)
            .Merge(MonthColumn, TargetsHead, MonthColumn + 11, TargetsHead);
        FormText.Numbering(sheet, TargetColumns, TargetsHead);

        var part = 0;
        foreach (var block in view.Blocks)
        {
            sheet.Spans((1, 1, XCell.Of(FormText.Roman(++part), Look.Block)), (2, TargetColumns, XCell.Of(FormText.Block(block.Block).ToUpperInvariant(), Look.Block)));
            foreach (var (number, name, unitOfMeasure, t) in block.Lines)
            {
                sheet.Write([XCell.Of(number.ToString(), Look.Centered), XCell.Of(name), XCell.Of(t.IndicatorCode, Look.Centered),
                    XCell.Of(unitOfMeasure, Look.Centered), XCell.Of(t.HasProvinceTarget ? t.ProvinceTarget : null), XCell.Of(t.DistrictTarget),
                    XCell.Of(t.HasBaseline ? t.Baseline : null), XCell.Of(Aggregations[t.Aggregation], Look.Centered),
                    .. Phasing(t.Quarters, 4), .. Phasing(t.Months, 12)]);
            }
        }
    }

    private static void WriteAllocations(SheetWriter sheet, PlanView view)
    {
        var (plan, catalog) = (view.Plan!, view.Catalog);
        sheet.Widths([6, 40, 8, 24, 14, 11, 10, .. Enumerable.Repeat(10.0, 12)]);
        FormText.Heading(sheet, AllocationColumns, FormText.IssuingBody(catalog.DistrictName), "Phụ lục",
            $"PHÂN BỔ CHỈ TIÊU KẾ HOẠCH NĂM {plan.Year} CHO CÁC XÃ, THỊ TRẤN", $"(Kèm theo Quyết định số {plan.Revision?.DecisionNumber})");
        XCell Head(string text) => XCell.Of(text, Look.Head);
        sheet.Write([Head("STT"), Head("Chỉ tiêu"), Head("Mã chỉ tiêu"), Head("Đơn vị"), Head("Mã đơn vị"), Head($"Kế hoạch năm {plan.Year}"), Head("Trọng số"),
            .. Enumerable.Range(1, 12).Select(m => (XCell?)Head($"Tháng {m}"))]);
        FormText.Numbering(sheet, AllocationColumns, head: sheet.Row);
        var number = 0;
        foreach (var (_, name, _, t) in view.Lines)
        {
            foreach (var a in t.Allocations)
            {
                sheet.Write([XCell.Of((++number).ToString(), Look.Centered), XCell.Of(name), XCell.Of(t.IndicatorCode, Look.Centered),
                    XCell.Of(catalog.Units.GetValueOrDefault(a.UnitCode)?.Name ?? ""), XCell.Of(a.UnitCode, Look.Centered), XCell.Of(a.YearTarget),
                    XCell.Of(a.HasWeight ? a.Weight : null), .. Phasing(a.Months, 12)]);
            }
        }
    }

    private static IEnumerable<XCell?> Phasing(IReadOnlyList<double> values, int count) =>
        Enumerable.Range(0, count).Select(i => (XCell?)XCell.Of(values.Count == count ? values[i] : null));

    /// <summary>
    /// Reads a plan workbook back into the targets it states. Against the plan in force (<paramref name="current"/>),
    /// only the targets that differ are kept: a revision states what it changes. Every wrong cell is named; then no target is given.
    /// </summary>
    public static PlanUpload Read(Stream input, PlanCatalog catalog, Plan? current = null) => Read(Xlsx.Read(input), catalog, current);

    public static PlanUpload Read(IReadOnlyDictionary<string, SheetReader> book, PlanCatalog catalog, Plan? current = null)
    {
        var cells = new Dictionary<string, string>();
        var errors = new List<CellError>();
        if (book.GetValueOrDefault(TargetsSheet) is not { } sheet)
        {
            return new(0, "", null, null, "", false, [], cells, [new(TargetsSheet, "A1", $"Tệp không phải biểu mẫu kế hoạch (không có trang {TargetsSheet}); hãy dùng tệp xuất từ Cổng thông tin.")]);
        }
        void Error(SheetReader s, int column, int row, string reason) => errors.Add(new(s.Name, Xlsx.Ref(column, row), reason));
        void From(string field, SheetReader s, int column, int row) => cells[field] = $"{s.Name}!{Xlsx.Ref(column, row)}";
        double? Number(SheetReader s, int column, int row, bool required = false)
        {
            var value = s.Number(column, row);
            if (value is { } v && double.IsNaN(v)) Error(s, column, row, $"\"{s.Text(column, row)}\" không phải là số (viết như 1.234,5).");
            else if (value is null && required) Error(s, column, row, "Cần nhập số.");
            return value is { } n && !double.IsNaN(n) ? n : null;
        }
        List<double> Values(SheetReader s, int from, int count, int row, string field)
        {
            var values = Enumerable.Range(from, count).Select(c => Number(s, c, row)).ToList();
            for (var i = 0; i < count; i++) From($"{field}[{i}]", s, from + i, row);
            From(field, s, from, row);
            if (values.All(v => v is null)) return [];
            for (var i = 0; i < count; i++)
            {
                if (values[i] is null && s.Number(from + i, row) is null) Error(s, from + i, row, $"Cần đủ {count} giá trị, hoặc để trống cả {count}.");
            }
            return [.. values.Select(v => v ?? 0)];
        }

        var year = sheet.Number(3, YearRow);
        if (year is not { } y || double.IsNaN(y) || y != Math.Round(y)) Error(sheet, 3, YearRow, "Cần ghi năm của kế hoạch (ví dụ 2025).");
        var decision = sheet.Text(3, DecisionRow);
        if (decision.Length == 0) Error(sheet, 3, DecisionRow, "Cần ghi số quyết định giao chỉ tiêu.");
        DateOnly? DateAt(int row, string field)
        {
            From(field, sheet, 3, row);
            var date = sheet.Date(3, row);
            if (date is null) Error(sheet, 3, row, "Cần ghi ngày theo dạng dd/MM/yyyy.");
            return date;
        }
        var decided = DateAt(DecisionDateRow, "decision_date");
        var effective = DateAt(EffectiveRow, "effective_from");
        (cells["year"], cells["decision_number"], cells["reason"], cells["applies_from_start_of_year"]) =
            ($"{TargetsSheet}!C{YearRow}", $"{TargetsSheet}!C{DecisionRow}", $"{TargetsSheet}!C{ReasonRow}", $"{TargetsSheet}!C{FromStartRow}");
        var fromStart = sheet.Text(3, FromStartRow);
        if (fromStart.Length > 0 && fromStart != Yes && fromStart != No) Error(sheet, 3, FromStartRow, $"Ghi \"{Yes}\" hoặc \"{No}\" (để trống là {No}).");

        var targets = new List<Target>();
        var rowOf = new Dictionary<string, int>();
        foreach (var r in sheet.RowsFrom(FirstTarget))
        {
            var code = sheet.Text(CodeColumn, r);
            if (code.Length == 0) continue;
            if (!catalog.Indicators.ContainsKey(code))
            {
                Error(sheet, CodeColumn, r, $"Chỉ tiêu \"{code}\" không có trong danh mục chỉ tiêu.");
                continue;
            }
            if (!rowOf.TryAdd(code, r))
            {
                Error(sheet, CodeColumn, r, $"Chỉ tiêu {code} đã có ở dòng {rowOf[code]}.");
                continue;
            }
            var field = $"targets[{targets.Count}]";
            From(field, sheet, CodeColumn, r);
            From($"{field}.indicator_code", sheet, CodeColumn, r);
            From($"{field}.district_target", sheet, DistrictColumn, r);
            From($"{field}.province_target", sheet, ProvinceColumn, r);
            From($"{field}.baseline", sheet, BaselineColumn, r);
            From($"{field}.aggregation", sheet, AggregationColumn, r);
            var target = new Target { IndicatorCode = code, DistrictTarget = Number(sheet, DistrictColumn, r, required: true) ?? 0 };
            if (Number(sheet, ProvinceColumn, r) is { } province) target.ProvinceTarget = province;
            if (Number(sheet, BaselineColumn, r) is { } baseline) target.Baseline = baseline;
            var aggregation = Aggregations.FirstOrDefault(a => string.Equals(a.Value, sheet.Text(AggregationColumn, r), StringComparison.OrdinalIgnoreCase));
            if (aggregation.Value is null) Error(sheet, AggregationColumn, r, $"Cách tổng hợp là một trong: {string.Join(", ", Aggregations.Values.Where(v => v.Length > 0))}, hoặc để trống.");
            target.Aggregation = aggregation.Key;
            target.Quarters.AddRange(Values(sheet, QuarterColumn, 4, r, $"{field}.quarters"));
            target.Months.AddRange(Values(sheet, MonthColumn, 12, r, $"{field}.months"));
            targets.Add(target);
        }
        if (targets.Count == 0 && errors.Count == 0) Error(sheet, CodeColumn, FirstTarget, "Biểu mẫu không có chỉ tiêu nào.");

        if (book.GetValueOrDefault(AllocationsSheet) is { } allocations)
        {
            var byCode = targets.Select((t, i) => (t, i)).ToDictionary(x => x.t.IndicatorCode);
            foreach (var r in allocations.RowsFrom(FirstAllocation))
            {
                var code = allocations.Text(CodeColumn, r);
                var unit = allocations.Text(AllocationUnitColumn, r);
                if (code.Length == 0 && unit.Length == 0) continue;
                if (!byCode.TryGetValue(code, out var of))
                {
                    Error(allocations, CodeColumn, r, $"Chỉ tiêu \"{code}\" không có ở trang {TargetsSheet}.");
                    continue;
                }
                if (!catalog.Units.ContainsKey(unit))
                {
                    Error(allocations, AllocationUnitColumn, r, $"Đơn vị \"{unit}\" không có trong danh sách đơn vị.");
                    continue;
                }
                var field = $"targets[{of.i}].allocations[{of.t.Allocations.Count}]";
                From(field, allocations, AllocationUnitColumn, r);
                From($"{field}.unit_code", allocations, AllocationUnitColumn, r);
                From($"{field}.year_target", allocations, AllocationTargetColumn, r);
                From($"{field}.weight", allocations, WeightColumn, r);
                var allocation = new Allocation { UnitCode = unit, YearTarget = Number(allocations, AllocationTargetColumn, r, required: true) ?? 0 };
                if (Number(allocations, WeightColumn, r) is { } weight) allocation.Weight = weight;
                allocation.Months.AddRange(Values(allocations, AllocationMonthColumn, 12, r, $"{field}.months"));
                of.t.Allocations.Add(allocation);
            }
        }

        if (current is not null && errors.Count == 0)
        {
            var inForce = current.Targets.ToDictionary(t => t.IndicatorCode, t => { var c = t.Clone(); c.Revision = 0; return c; });
            var changed = targets.Where(t => !inForce.TryGetValue(t.IndicatorCode, out var was) || !was.Equals(t)).ToList();
            if (changed.Count == 0) Error(sheet, CodeColumn, FirstTarget, $"Không có chỉ tiêu nào khác với kế hoạch đang áp dụng ({current.Revision?.DecisionNumber}).");
            // The cells of a kept target follow it to its new position.
            var renumbered = new Dictionary<string, string>(cells.Where(c => !c.Key.StartsWith("targets[", StringComparison.Ordinal)));
            for (var i = 0; i < changed.Count; i++)
            {
                var was = $"targets[{targets.IndexOf(changed[i])}]";
                foreach (var (key, cell) in cells.Where(c => c.Key == was || c.Key.StartsWith(was + ".", StringComparison.Ordinal) || c.Key.StartsWith(was + "[", StringComparison.Ordinal)))
                {
                    renumbered[$"targets[{i}]" + key[was.Length..]] = cell;
                }
            }
            (targets, cells) = (changed, renumbered);
        }
        return errors.Count > 0
            ? new((int)(year ?? 0), decision, decided, effective, sheet.Text(3, ReasonRow), fromStart == Yes, [], cells, errors)
            : new((int)year!.Value, decision, decided, effective, sheet.Text(3, ReasonRow), fromStart == Yes, targets, cells, []);
    }
}
