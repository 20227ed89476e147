namespace TuyPhuoc.IndicatorPlans.Domain;

/// <summary>
/// The seeded demo of the source case: Tuy Phước district's 2024 plan (Decision 12689/QĐ-UBND of
/// 27/12/2023), 34 indicators (17 province-assigned, 17 district-added), phased by month and allocated
/// to the 13 communes and towns. The real list is not public, so names and figures are realistic, not
/// official; the leaders of the blocks other than the Chairman are invented.
/// </summary>
/// <remarks>
/// Every member builds fresh objects on each read, so a caller (EF Core setting ids, a test changing a
/// value) never alters what the next caller gets. Monthly amounts are computed in decimal and split with
/// the largest-remainder method, so each phasing adds up exactly to its total.
/// </remarks>
public static class DemoPlan2024
{
    public const int Year = 2024;
    public const string DistrictCode = "TUY_PHUOC";
    public static readonly DateOnly UnitsValidFrom = new(2020, 1, 1);
    public static readonly DateOnly ReorganisationDate = new(2025, 7, 1);

    private enum Share { None, Population, Farming, Urban, LevelOffset }

    // Population, farming and urban weights are rough relative sizes used only to split allocations;
    // LevelOffset shifts a commune's level target around the district's (health-insurance coverage).
    private sealed record CommuneSpec(
        string Code, string Name, UnitKind Kind, int Population, int Farming, int Urban, decimal LevelOffset);

    private static readonly CommuneSpec[] Communes =
    [
        new("TT_TUY_PHUOC", "Thị trấn Tuy Phước", UnitKind.Town, 20, 2, 22, 1.2m),
        new("TT_DIEU_TRI", "Thị trấn Diêu Trì", UnitKind.Town, 16, 2, 18, 0.9m),
        new("PHUOC_THANG", "Xã Phước Thắng", UnitKind.Commune, 15, 8, 5, -0.8m),
        new("PHUOC_HUNG", "Xã Phước Hưng", UnitKind.Commune, 13, 12, 4, -0.4m),
        new("PHUOC_QUANG", "Xã Phước Quang", UnitKind.Commune, 15, 13, 4, -0.3m),
        new("PHUOC_HOA", "Xã Phước Hòa", UnitKind.Commune, 15, 10, 4, -0.9m),
        new("PHUOC_SON", "Xã Phước Sơn", UnitKind.Commune, 24, 10, 8, -0.6m),
        new("PHUOC_HIEP", "Xã Phước Hiệp", UnitKind.Commune, 13, 12, 5, 0.2m),
        new("PHUOC_LOC", "Xã Phước Lộc", UnitKind.Commune, 17, 9, 8, 0.5m),
        new("PHUOC_NGHIA", "Xã Phước Nghĩa", UnitKind.Commune, 8, 4, 5, 0.3m),
        new("PHUOC_THUAN", "Xã Phước Thuận", UnitKind.Commune, 15, 6, 7, 0.1m),
        new("PHUOC_AN", "Xã Phước An", UnitKind.Commune, 22, 9, 12, 0.4m),
        new("PHUOC_THANH", "Xã Phước Thành", UnitKind.Commune, 9, 5, 4, -0.6m),
    ];

    private static readonly (string Code, string Name, SectorBlock Block)[] Offices =
    [
        ("TCKH", "Phòng Tài chính - Kế hoạch", SectorBlock.Economy),
        ("NOI_VU", "Phòng Nội vụ", SectorBlock.InternalAffairs),
        ("NONG_NGHIEP", "Phòng Nông nghiệp và Phát triển nông thôn", SectorBlock.Economy),
        ("KT_HT", "Phòng Kinh tế - Hạ tầng", SectorBlock.Economy),
        ("LDTBXH", "Phòng Lao động - Thương binh và Xã hội", SectorBlock.CultureSociety),
        ("Y_TE", "Phòng Y tế", SectorBlock.CultureSociety),
        ("VH_TT", "Phòng Văn hóa và Thông tin", SectorBlock.CultureSociety),
        ("GD_DT", "Phòng Giáo dục và Đào tạo", SectorBlock.CultureSociety),
        ("TN_MT", "Phòng Tài nguyên và Môi trường", SectorBlock.Economy),
        ("TU_PHAP", "Phòng Tư pháp", SectorBlock.InternalAffairs),
        ("CONG_AN", "Công an huyện", SectorBlock.InternalAffairs),
        ("QUAN_SU", "Ban Chỉ huy Quân sự huyện", SectorBlock.InternalAffairs),
        ("THUE", "Chi cục Thuế khu vực Tuy Phước", SectorBlock.Economy),
        ("BHXH", "Bảo hiểm xã hội huyện", SectorBlock.CultureSociety),
    ];

    public static IReadOnlyList<BlockInfo> Blocks =>
    [
        new() { Block = SectorBlock.Economy, Name = "Khối Kinh tế", LeaderName = "Nguyễn Văn Thành", LeaderTitle = "Phó Chủ tịch UBND huyện" },
        new() { Block = SectorBlock.CultureSociety, Name = "Khối Văn hóa - Xã hội", LeaderName = "Trần Thị Kim Ngân", LeaderTitle = "Phó Chủ tịch UBND huyện" },
        new() { Block = SectorBlock.InternalAffairs, Name = "Khối Nội chính", LeaderName = "Huỳnh Nam", LeaderTitle = "Chủ tịch UBND huyện" },
    ];

    /// <summary>The district, its offices and its 13 communes and towns, all valid from 2020-01-01 and still open.</summary>
    public static IReadOnlyList<OrgUnit> Units
    {
        get
        {
            var units = new List<OrgUnit>
            {
                new() { Code = DistrictCode, Name = "UBND huyện Tuy Phước", Kind = UnitKind.District, ValidFrom = UnitsValidFrom },
            };
            units.AddRange(Offices.Select(o => new OrgUnit
            {
                Code = o.Code, Name = o.Name, Kind = UnitKind.Office, ParentCode = DistrictCode, Block = o.Block, ValidFrom = UnitsValidFrom,
            }));
            units.AddRange(Communes.Select(c => new OrgUnit
            {
                Code = c.Code, Name = c.Name, Kind = c.Kind, ParentCode = DistrictCode, ValidFrom = UnitsValidFrom,
            }));
            return units;
        }
    }

    /// <summary>
    /// Demo data for closing and merging units (not applied by default): an excerpt of the 2025
    /// reorganisation, when the district level ends and communes merge into larger communes.
    /// </summary>
    public static IReadOnlyList<(string UnitCode, DateOnly ClosedFrom, string? MergedIntoCode)> Mergers2025 =>
    [
        (DistrictCode, ReorganisationDate, null),
        ("TT_TUY_PHUOC", ReorganisationDate, "XA_TUY_PHUOC"),
        ("PHUOC_THUAN", ReorganisationDate, "XA_TUY_PHUOC"),
        ("PHUOC_NGHIA", ReorganisationDate, "XA_TUY_PHUOC"),
        ("PHUOC_HOA", ReorganisationDate, "XA_TUY_PHUOC_DONG"),
        ("PHUOC_THANG", ReorganisationDate, "XA_TUY_PHUOC_DONG"),
    ];

    /// <summary>The communes created by the 2025 reorganisation; with no district above them they have no parent here.</summary>
    public static IReadOnlyList<OrgUnit> UnitsFrom2025 =>
    [
        new() { Code = "XA_TUY_PHUOC", Name = "Xã Tuy Phước", Kind = UnitKind.Commune, ValidFrom = ReorganisationDate },
        new() { Code = "XA_TUY_PHUOC_DONG", Name = "Xã Tuy Phước Đông", Kind = UnitKind.Commune, ValidFrom = ReorganisationDate },
    ];

    // Seasonal weights of monthly amounts (January first).
    private static readonly decimal[] Even = [8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8];
    private static readonly decimal[] GrainHarvest = [1, 1, 2, 30, 18, 2, 3, 18, 17, 2, 3, 3]; // winter-spring crop in Apr-May, summer-autumn in Aug-Sep
    private static readonly decimal[] BudgetRevenue = [7, 7, 8, 8, 8, 8, 8, 8, 8, 9, 10, 11];
    private static readonly decimal[] LandAuctions = [3, 5, 8, 8, 10, 10, 8, 8, 8, 10, 10, 12];
    private static readonly decimal[] Labour = [6, 8, 9, 9, 9, 9, 8, 8, 8, 9, 9, 8];
    private static readonly decimal[] Enlistment = [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // the call-up is in February
    private static readonly decimal[] DrySeasonWorks = [5, 6, 10, 12, 12, 12, 11, 10, 6, 4, 4, 8]; // rains from October to December
    private static readonly decimal[] Production = [7, 6, 8, 8, 8, 9, 9, 9, 9, 9, 9, 9];
    private static readonly decimal[] Trade = [9, 10, 8, 8, 8, 8, 8, 8, 8, 8, 8, 9]; // Tết in February, year-end shopping
    private static readonly decimal[] Enterprises = [6, 6, 8, 9, 9, 9, 8, 9, 9, 9, 9, 9];
    private static readonly decimal[] Accidents = [9, 10, 8, 8, 8, 7, 8, 8, 8, 8, 8, 10];

    // Share of the way from the start level to the year target at each month end.
    private static readonly decimal[] Linear = [.. Enumerable.Range(1, 12).Select(m => m / 12m)];
    private static readonly decimal[] Disbursement = [0.03m, 0.07m, 0.14m, 0.22m, 0.32m, 0.45m, 0.53m, 0.61m, 0.70m, 0.80m, 0.90m, 1m];

    private sealed record Spec(
        string Code, string Name, string Unit, IndicatorSource Source, SectorBlock Block, string Office,
        MeasureKind Kind, decimal Target, decimal? Province = null, decimal? Baseline = null,
        Direction Direction = Direction.HigherIsBetter, bool Percent = false, int Decimals = 2,
        decimal[]? Profile = null, decimal? Start = null, Share Share = Share.None);

    private const IndicatorSource P = IndicatorSource.Province;
    private const IndicatorSource D = IndicatorSource.District;
    private const SectorBlock Eco = SectorBlock.Economy;
    private const SectorBlock Soc = SectorBlock.CultureSociety;
    private const SectorBlock Int = SectorBlock.InternalAffairs;
    private const MeasureKind Cum = MeasureKind.Cumulative;
    private const MeasureKind Lvl = MeasureKind.Level;
    private const MeasureKind Gro = MeasureKind.Growth;
    private const MeasureKind YE = MeasureKind.YearEnd;
    private const Direction Lower = Direction.LowerIsBetter;

    private static readonly Spec[] Specs =
    [
        // Assigned by the province (Decision 4647/QĐ-UBND of 14/12/2023).
        new("CT01", "Tốc độ tăng giá trị sản xuất (giá so sánh 2010)", "%", P, Eco, "TCKH", Gro, 8.5m, Province: 8.0m, Start: 6.5m),
        new("CT02", "Tổng sản lượng lương thực có hạt", "tấn", P, Eco, "NONG_NGHIEP", Cum, 140_000m, Province: 140_000m, Decimals: 0, Profile: GrainHarvest, Share: Share.Farming),
        new("CT03", "Thu ngân sách nhà nước trên địa bàn (không kể tiền sử dụng đất)", "tỷ đồng", P, Eco, "THUE", Cum, 215m, Province: 200m, Profile: BudgetRevenue, Share: Share.Urban),
        new("CT04", "Thu tiền sử dụng đất", "tỷ đồng", P, Eco, "TN_MT", Cum, 350m, Province: 350m, Profile: LandAuctions, Share: Share.Urban),
        new("CT05", "Tỷ lệ giải ngân vốn đầu tư công so với kế hoạch vốn giao", "%", P, Eco, "TCKH", Lvl, 100m, Province: 100m, Percent: true, Profile: Disbursement, Start: 0m),
        new("CT06", "Số xã đạt chuẩn nông thôn mới nâng cao (lũy kế)", "xã", P, Eco, "NONG_NGHIEP", Lvl, 7m, Province: 7m, Baseline: 5m, Decimals: 0),
        new("CT07", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều", "%", P, Soc, "LDTBXH", Lvl, 1.9m, Province: 2.1m, Baseline: 2.62m, Direction: Lower, Percent: true),
        new("CT08", "Số lao động được tạo việc làm mới", "lao động", P, Soc, "LDTBXH", Cum, 3_200m, Province: 3_000m, Decimals: 0, Profile: Labour, Share: Share.Population),
        new("CT09", "Tỷ lệ lao động qua đào tạo", "%", P, Soc, "LDTBXH", Lvl, 74m, Province: 74m, Baseline: 72.5m, Percent: true),
        new("CT10", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", P, Soc, "BHXH", Lvl, 94m, Province: 94m, Baseline: 92.6m, Percent: true, Share: Share.LevelOffset),
        new("CT11", "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi", "%", P, Soc, "Y_TE", Lvl, 10.8m, Province: 10.8m, Baseline: 11.2m, Direction: Lower, Percent: true),
        new("CT12", "Tỷ lệ tăng dân số tự nhiên", "%", P, Soc, "Y_TE", Lvl, 0.88m, Province: 0.88m, Baseline: 0.92m, Direction: Lower, Percent: true),
        new("CT13", "Số trường đạt chuẩn quốc gia (lũy kế)", "trường", P, Soc, "GD_DT", Lvl, 61m, Province: 61m, Baseline: 58m, Decimals: 0),
        new("CT14", "Tỷ lệ dân số nông thôn sử dụng nước sạch đáp ứng quy chuẩn", "%", P, Eco, "NONG_NGHIEP", Lvl, 62m, Province: 62m, Baseline: 58m, Percent: true),
        new("CT15", "Tỷ lệ che phủ rừng", "%", P, Eco, "NONG_NGHIEP", Lvl, 11.5m, Province: 11.5m, Baseline: 11.3m, Percent: true),
        new("CT16", "Số công dân nhập ngũ (hoàn thành chỉ tiêu giao quân)", "người", P, Int, "QUAN_SU", Cum, 250m, Province: 250m, Decimals: 0, Profile: Enlistment, Share: Share.Population),
        new("CT17", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng và trước hạn", "%", P, Int, "NOI_VU", Lvl, 99.5m, Province: 99.5m, Baseline: 98.6m, Percent: true),

        // Added by the district People's Council.
        new("CT18", "Tỷ trọng công nghiệp - xây dựng trong cơ cấu giá trị sản xuất", "%", D, Eco, "TCKH", YE, 50.5m, Baseline: 49m, Percent: true),
        new("CT19", "Thu nhập bình quân đầu người", "triệu đồng/người", D, Eco, "TCKH", YE, 70m, Baseline: 64.5m),
        new("CT20", "Tốc độ tăng giá trị sản xuất nông, lâm nghiệp và thủy sản", "%", D, Eco, "NONG_NGHIEP", Gro, 3m, Start: 2m),
        new("CT21", "Giá trị sản xuất công nghiệp - tiểu thủ công nghiệp (giá so sánh 2010)", "tỷ đồng", D, Eco, "KT_HT", Cum, 11_800m, Profile: Production),
        new("CT22", "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", D, Eco, "KT_HT", Cum, 9_200m, Profile: Trade),
        new("CT23", "Số doanh nghiệp thành lập mới", "doanh nghiệp", D, Eco, "TCKH", Cum, 110m, Decimals: 0, Profile: Enterprises),
        new("CT24", "Số thôn được công nhận đạt chuẩn nông thôn mới kiểu mẫu", "thôn", D, Eco, "NONG_NGHIEP", YE, 8m),
        new("CT25", "Chiều dài đường giao thông nông thôn được bê tông hóa", "km", D, Eco, "KT_HT", Cum, 25.5m, Profile: DrySeasonWorks, Share: Share.Farming),
        new("CT26", "Tỷ lệ hộ cận nghèo", "%", D, Soc, "LDTBXH", YE, 3.4m, Baseline: 3.85m, Direction: Lower, Percent: true),
        new("CT27", "Số lao động đi làm việc ở nước ngoài theo hợp đồng", "người", D, Soc, "LDTBXH", Cum, 120m, Decimals: 0, Profile: Labour, Share: Share.Population),
        new("CT28", "Tỷ lệ lực lượng lao động trong độ tuổi tham gia bảo hiểm xã hội", "%", D, Soc, "BHXH", Lvl, 23m, Baseline: 21.5m, Percent: true),
        new("CT29", "Tỷ lệ hộ gia đình đạt danh hiệu \"Gia đình văn hóa\"", "%", D, Soc, "VH_TT", YE, 91m, Baseline: 90.2m, Percent: true),
        new("CT30", "Tỷ lệ dân số tập luyện thể dục thể thao thường xuyên", "%", D, Soc, "VH_TT", YE, 39m, Baseline: 38m, Percent: true),
        new("CT31", "Tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý", "%", D, Eco, "TN_MT", Lvl, 90m, Baseline: 88m, Percent: true),
        new("CT32", "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến", "%", D, Int, "NOI_VU", Lvl, 60m, Baseline: 45m, Percent: true),
        new("CT33", "Số vụ tai nạn giao thông", "vụ", D, Int, "CONG_AN", Cum, 18m, Direction: Lower, Decimals: 0, Profile: Accidents),
        new("CT34", "Tỷ lệ xã, thị trấn đạt chuẩn tiếp cận pháp luật", "%", D, Int, "TU_PHAP", YE, 100m, Baseline: 92.3m, Percent: true),
    ];

    public static IReadOnlyList<Indicator> Indicators =>
    [
        .. Specs.Select(s => new Indicator
        {
            Code = s.Code,
            Name = s.Name,
            UnitOfMeasure = s.Unit,
            Source = s.Source,
            Block = s.Block,
            ResponsibleOfficeCode = s.Office,
            Direction = s.Direction,
            MeasureKind = s.Kind,
            CommuneAllocated = s.Share != Share.None,
            Baseline = (double?)s.Baseline,
            // A growth rate can be negative; it is not a share of a whole.
            RangeMin = s.Kind == Gro ? -100 : s.Percent ? 0 : null,
            RangeMax = s.Kind == Gro || s.Percent ? 100 : null,
        }),
    ];

    /// <summary>Revision 1 of the 2024 plan: one target per indicator, phased by month, allocated to the communes where it applies.</summary>
    public static PlanRevision Revision => new()
    {
        Year = Year,
        Number = 1,
        DecisionNumber = "12689/QĐ-UBND",
        DecisionDate = new DateOnly(2023, 12, 27),
        EffectiveFrom = new DateOnly(2024, 1, 1),
        Reason = "Giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2024",
        RecordedAt = new DateTimeOffset(2023, 12, 27, 1, 0, 0, TimeSpan.Zero), // UTC: Npgsql stores only offset 0
        RecordedBy = "seed",
        Targets = [.. Specs.Select(BuildTarget)],
    };

    private static PlanTarget BuildTarget(Spec s) => new()
    {
        Year = Year,
        Revision = 1,
        IndicatorCode = s.Code,
        DistrictTarget = (double)s.Target,
        ProvinceTarget = (double?)s.Province,
        Months = ToDouble(Phase(s, s.Target, s.Baseline ?? s.Start)),
        Allocations = BuildAllocations(s),
    };

    private static decimal[] Phase(Spec s, decimal target, decimal? start) => s.Kind switch
    {
        Cum => Split(target, s.Profile ?? Even, s.Decimals),
        Lvl or Gro => Ramp(start ?? target, target, s.Profile ?? Linear, s.Decimals),
        _ => [],
    };

    private static List<Allocation> BuildAllocations(Spec s)
    {
        if (s.Share == Share.None)
        {
            return [];
        }
        if (s.Share == Share.LevelOffset)
        {
            return [.. Communes.Select(c =>
            {
                var target = Clamp(s.Target + c.LevelOffset, s);
                var start = Clamp((s.Baseline ?? s.Target) + c.LevelOffset, s);
                return new Allocation { UnitCode = c.Code, YearTarget = (double)target, Months = ToDouble(Phase(s, target, start)) };
            })];
        }
        var weights = Communes.Select(c => (decimal)(s.Share switch
        {
            Share.Population => c.Population,
            Share.Farming => c.Farming,
            _ => c.Urban,
        })).ToArray();
        var shares = Split(s.Target, weights, s.Decimals);
        return [.. Communes.Select((c, i) => new Allocation
        {
            UnitCode = c.Code,
            YearTarget = (double)shares[i],
            Months = ToDouble(Phase(s, shares[i], null)),
        })];
    }

    private static decimal Clamp(decimal value, Spec s) => s.Percent ? Math.Clamp(value, 0m, 100m) : Math.Max(value, 0m);

    /// <summary>Splits a total in proportion to weights, in steps of 10^-decimals, with the largest-remainder method: the parts add up exactly.</summary>
    private static decimal[] Split(decimal total, IReadOnlyList<decimal> weights, int decimals)
    {
        var step = 1m / Pow10(decimals);
        var units = total / step;
        if (units != decimal.Truncate(units))
        {
            throw new InvalidOperationException($"{total} has more than {decimals} decimals.");
        }
        var sum = weights.Sum();
        var exact = weights.Select(w => units * w / sum).ToArray();
        var parts = exact.Select(decimal.Floor).ToArray();
        var left = (int)(units - parts.Sum());
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(left))
        {
            parts[i] += 1;
        }
        var values = parts.Select(p => p * step).ToArray();
        MakeDoubleSumExact(values, weights, total, step);
        return values;
    }

    /// <summary>
    /// Values with two decimals are not exact in binary floating point, so their double sum can miss the
    /// total by a rounding error; moving a step or two between two parts (the decimal sum is unchanged) almost
    /// always finds a split whose double sum is exact as well.
    /// </summary>
    private static void MakeDoubleSumExact(decimal[] values, IReadOnlyList<decimal> weights, decimal total, decimal step)
    {
        if (SumsExactly(values, total))
        {
            return;
        }
        for (var k = 1; k <= 3; k++)
        {
            var shift = k * step;
            for (var i = values.Length - 1; i >= 0; i--)
            {
                for (var j = values.Length - 1; j >= 0; j--)
                {
                    if (i == j || weights[i] == 0 || weights[j] == 0 || values[j] < shift)
                    {
                        continue;
                    }
                    values[i] += shift;
                    values[j] -= shift;
                    if (SumsExactly(values, total))
                    {
                        return;
                    }
                    values[i] -= shift;
                    values[j] += shift;
                }
            }
        }
    }

    private static bool SumsExactly(decimal[] values, decimal total) => values.Select(v => (double)v).Sum() == (double)total;

    /// <summary>Month-end levels from a start level to the target, reaching the target exactly in December.</summary>
    private static decimal[] Ramp(decimal start, decimal target, IReadOnlyList<decimal> fractions, int decimals) =>
    [
        .. fractions.Select((f, i) => i == fractions.Count - 1
            ? target
            : decimal.Round(start + (target - start) * f, decimals, MidpointRounding.AwayFromZero)),
    ];

    private static decimal Pow10(int n) => Enumerable.Repeat(10m, n).Aggregate(1m, (a, b) => a * b);

    private static double[] ToDouble(decimal[] values) => [.. values.Select(v => (double)v)];

    /// <summary>Problems in the seed data; empty when it is consistent. Used by the unit tests and at seeding.</summary>
    public static IEnumerable<string> Check()
    {
        var problems = new List<string>();
        var units = Units;
        var unitsByCode = units.ToDictionary(u => u.Code);
        var indicators = Indicators;
        var revision = Revision;

        if (units.Select(u => u.Code).Concat(UnitsFrom2025.Select(u => u.Code)).Distinct().Count() != units.Count + UnitsFrom2025.Count)
        {
            problems.Add("Unit codes are not unique.");
        }
        foreach (var u in units.Where(u => u.ParentCode is not null && !unitsByCode.ContainsKey(u.ParentCode)))
        {
            problems.Add($"Unit {u.Code}: unknown parent {u.ParentCode}.");
        }
        var communeCodes = units.Where(u => u.IsCommuneLevel).Select(u => u.Code).ToHashSet();
        if (communeCodes.Count != 13 || units.Count(u => u.Kind == UnitKind.Town) != 2)
        {
            problems.Add($"Expected 13 communes and towns (2 towns), found {communeCodes.Count}.");
        }
        var allCodes = units.Concat(UnitsFrom2025).Select(u => u.Code).ToHashSet();
        foreach (var (code, _, into) in Mergers2025)
        {
            if (!unitsByCode.ContainsKey(code) || (into is not null && !allCodes.Contains(into)))
            {
                problems.Add($"Merger of {code} into {into}: unknown unit.");
            }
        }
        if (Blocks.Select(b => b.Block).Distinct().Count() != 3)
        {
            problems.Add("Expected three sector blocks.");
        }

        if (indicators.Count != 34 || indicators.Select(i => i.Code).Distinct().Count() != 34)
        {
            problems.Add($"Expected 34 distinct indicators, found {indicators.Count}.");
        }
        var province = indicators.Where(i => i.Source == IndicatorSource.Province).ToList();
        var district = indicators.Where(i => i.Source == IndicatorSource.District).ToList();
        if (province.Count != 17 || district.Count != 17)
        {
            problems.Add($"Expected 17 province and 17 district indicators, found {province.Count} and {district.Count}.");
        }
        if (district.Count(i => i.MeasureKind == MeasureKind.YearEnd) != 7)
        {
            problems.Add("Expected exactly 7 district-added indicators judged at year-end.");
        }
        if (province.Count(i => i.MeasureKind == MeasureKind.YearEnd) > 2)
        {
            problems.Add("At most 2 province-assigned indicators may be judged at year-end.");
        }
        var allocated = indicators.Count(i => i.CommuneAllocated);
        if (allocated is < 8 or > 10)
        {
            problems.Add($"Expected 8-10 commune-allocated indicators, found {allocated}.");
        }
        foreach (var i in indicators)
        {
            if (!unitsByCode.TryGetValue(i.ResponsibleOfficeCode, out var office) || office.Kind != UnitKind.Office)
            {
                problems.Add($"{i.Code}: responsible office {i.ResponsibleOfficeCode} is not an office.");
            }
            if (i.CommuneAllocated && i.MeasureKind is not (MeasureKind.Cumulative or MeasureKind.Level))
            {
                problems.Add($"{i.Code}: only cumulative and level indicators are allocated.");
            }
        }

        var targets = revision.Targets;
        if (targets.Count != indicators.Count || targets.Select(t => t.IndicatorCode).Distinct().Count() != targets.Count)
        {
            problems.Add("Expected one target per indicator.");
        }
        var above = 0;
        foreach (var t in targets)
        {
            var i = indicators.FirstOrDefault(x => x.Code == t.IndicatorCode);
            if (i is null)
            {
                problems.Add($"Target for unknown indicator {t.IndicatorCode}.");
                continue;
            }
            if (t.Year != revision.Year || t.Revision != revision.Number)
            {
                problems.Add($"{i.Code}: target year or revision does not match the revision.");
            }
            var lower = i.Direction == Direction.LowerIsBetter;
            if ((t.ProvinceTarget is not null) != (i.Source == IndicatorSource.Province))
            {
                problems.Add($"{i.Code}: a province target is required exactly for province-assigned indicators.");
            }
            if (t.ProvinceTarget is double p)
            {
                if (lower ? t.DistrictTarget > p : t.DistrictTarget < p)
                {
                    problems.Add($"{i.Code}: the district target is less ambitious than the province's.");
                }
                if (lower ? t.DistrictTarget < p : t.DistrictTarget > p)
                {
                    above++;
                }
            }
            if (i.Baseline is double b && i.MeasureKind != MeasureKind.Cumulative && (lower ? t.DistrictTarget >= b : t.DistrictTarget <= b))
            {
                problems.Add($"{i.Code}: the target does not improve on the baseline.");
            }
            CheckPhasing(problems, i, i.Code, t.DistrictTarget, t.Months);

            if (i.CommuneAllocated != (t.Allocations.Count > 0))
            {
                problems.Add($"{i.Code}: allocations do not match the CommuneAllocated flag.");
            }
            if (t.Allocations.Count == 0)
            {
                continue;
            }
            if (t.Allocations.Count != 13 || !t.Allocations.Select(a => a.UnitCode).ToHashSet().SetEquals(communeCodes))
            {
                problems.Add($"{i.Code}: expected one allocation to each of the 13 communes and towns.");
            }
            if (i.MeasureKind == MeasureKind.Cumulative && Math.Abs(t.Allocations.Sum(a => a.YearTarget) - t.DistrictTarget) >= 1e-9)
            {
                problems.Add($"{i.Code}: allocations sum to {t.Allocations.Sum(a => a.YearTarget)}, not {t.DistrictTarget}.");
            }
            foreach (var a in t.Allocations)
            {
                if (!unitsByCode.ContainsKey(a.UnitCode))
                {
                    problems.Add($"{i.Code}: allocation to unknown unit {a.UnitCode}.");
                }
                CheckPhasing(problems, i, $"{i.Code}/{a.UnitCode}", a.YearTarget, a.Months);
            }
        }
        if (above != 4)
        {
            problems.Add($"Expected 4 district targets above the province's, found {above}.");
        }
        return problems;
    }

    private static void CheckPhasing(List<string> problems, Indicator i, string where, double target, double[] months)
    {
        if (i.MeasureKind == MeasureKind.YearEnd)
        {
            if (months.Length != 0)
            {
                problems.Add($"{where}: a year-end indicator has no monthly phasing.");
            }
            return;
        }
        if (months.Length != 12)
        {
            problems.Add($"{where}: expected 12 months, found {months.Length}.");
            return;
        }
        var min = i.RangeMin ?? 0;
        var max = i.RangeMax ?? double.PositiveInfinity;
        if (months.Append(target).Any(v => !double.IsFinite(v) || v < min || v > max))
        {
            problems.Add($"{where}: a value lies outside {min}..{max}.");
        }
        if (i.MeasureKind == MeasureKind.Cumulative)
        {
            if (Math.Abs(months.Sum() - target) >= 1e-9)
            {
                problems.Add($"{where}: months sum to {months.Sum()}, not {target}.");
            }
        }
        else if (months[11] != target)
        {
            problems.Add($"{where}: the December level {months[11]} is not the year target {target}.");
        }
    }
}
