using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Suite;

namespace TuyPhuoc.Portal.Tests;

/// <summary>Lines of the month's form as the Month page builds them from the plan and the stored actuals.</summary>
internal static class Lines
{
    public static PlannedIndicator Grain => new("CT02", "Tổng sản lượng lương thực có hạt", "tấn", MeasureKind.Cumulative, 140_000,
        [40_000, 30_000, 40_000, 30_000], [1_234.5, 1_400, 2_800, 42_000, 25_200, 2_800, 4_200, 25_200, 23_800, 2_800, 4_200, 4_200], false);

    public static PlannedIndicator Insurance => new("CT10", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", MeasureKind.Level, 94,
        [93, 93.5, 93.8, 94], [.. Enumerable.Repeat(94.0, 12)], false);

    public static Cell StoredValue(double value, string note = "", int revision = 1) =>
        new(value, note, revision, new DateTimeOffset(2024, 7, 5, 9, 30, 0, TimeSpan.Zero), "unit_reporter:PHUOC_THANG");

    public static List<MonthLine> July(Cell? grain = null) =>
        [new(new MonthRow(Grain, null, 98_765.25, grain)), new(new MonthRow(Insurance, null, 93.1, null))];
}
