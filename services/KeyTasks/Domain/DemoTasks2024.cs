namespace TuyPhuoc.KeyTasks.Domain;

/// <summary>
/// DEMO DATA, not the district's annexes (they are not public): key tasks for 2024 in the layout of Decision
/// 808/QĐ-UBND (20/02/2024, the district's key tasks for the year's plan) and Decision 1307/QĐ-UBND (14/03/2024, the
/// key tasks of each office and unit), with the lead units' reports up to mid-year: some done, on time or late, some
/// overdue by 30/06/2024, one extension granted and one refused.
/// </summary>
public static class DemoTasks2024
{
    public const string Reporter = "demo";
    private static readonly string Economy = Blocks.Name(SectorBlock.Economy), Society = Blocks.Name(SectorBlock.CultureSociety),
        Internal = Blocks.Name(SectorBlock.InternalAffairs);
    private static readonly string[] Communes =
        ["TT_TUY_PHUOC", "TT_DIEU_TRI", "PHUOC_THANG", "PHUOC_HUNG", "PHUOC_QUANG", "PHUOC_HOA", "PHUOC_SON", "PHUOC_HIEP", "PHUOC_LOC", "PHUOC_NGHIA", "PHUOC_THUAN", "PHUOC_AN", "PHUOC_THANH"];

    private sealed record Row(string Number, string Field, string Content, string Lead, string[] Coordinating, string Block, Deadline Deadline, string Product,
        string[] Indicators, (string On, ProgressState State, int Percent, string Work, string Difficulties, string Reference)[] Reports,
        (string RequestedOn, string Until, string Reason, string DecidedOn, bool Granted, string Answer)? Extension = null);

    private static Deadline On(int month, int day) => new(DeadlineKind.Date, new DateOnly(2024, month, day));
    private static Deadline Month(int month) => Deadline.Of(DeadlineKind.Month, new DateOnly(2024, month, 1));
    private static Deadline Quarter(int quarter) => Deadline.Of(DeadlineKind.Quarter, new DateOnly(2024, PlanCalendar.LastMonthOf(quarter), 1));

    private const string EconomyField = "I. Lĩnh vực kinh tế", SocietyField = "II. Lĩnh vực văn hóa - xã hội", InternalField = "III. Lĩnh vực nội chính";

    private static readonly Row[] District808 =
    [
        new("1", EconomyField, "Xây dựng và triển khai Kế hoạch thu ngân sách nhà nước, chống thất thu thuế năm 2024", "THUE", ["TCKH", .. Communes], Economy,
            Quarter(1), "Kế hoạch", ["CT03"],
            [("2024-03-25", ProgressState.Done, 100, "Ban hành Kế hoạch chống thất thu thuế, giao chỉ tiêu thu cho từng xã, thị trấn", "", "45/KH-CCT")]),
        new("2", EconomyField, "Đẩy nhanh tiến độ giải ngân vốn đầu tư công, phấn đấu giải ngân 100% kế hoạch vốn giao", "TCKH", ["KT_HT", "TN_MT"], Economy,
            Deadline.Regular, "Báo cáo", ["CT05"],
            [("2024-03-28", ProgressState.InProgress, 18, "Giải ngân 18% kế hoạch vốn; tổ công tác kiểm tra tiến độ từng dự án", "Vướng mặt bằng ở 3 dự án giao thông", ""),
             ("2024-06-27", ProgressState.InProgress, 43, "Giải ngân 43% kế hoạch vốn; điều chuyển vốn từ dự án chậm sang dự án có khối lượng", "Giá vật liệu tăng", "")]),
        new("3", EconomyField, "Hoàn thiện hồ sơ đề nghị công nhận xã Phước Hiệp, Phước Quang đạt chuẩn nông thôn mới nâng cao", "NONG_NGHIEP", ["PHUOC_HIEP", "PHUOC_QUANG"], Economy,
            On(9, 30), "Hồ sơ đề nghị", ["CT06"],
            [("2024-05-15", ProgressState.InProgress, 40, "Rà soát 19 tiêu chí; Phước Hiệp đạt 15, Phước Quang đạt 14 tiêu chí", "Tiêu chí môi trường và thu nhập còn thấp", "")]),
        new("4", EconomyField, "Tổ chức đấu giá quyền sử dụng đất các khu dân cư đã đủ điều kiện", "TN_MT", ["TCKH", "PHUOC_LOC", "PHUOC_AN"], Economy,
            Month(5), "Báo cáo kết quả đấu giá", ["CT04"],
            [("2024-04-20", ProgressState.InProgress, 35, "Hoàn thành hồ sơ 2/5 khu dân cư; đã đấu giá khu dân cư Phước Lộc", "Chậm phê duyệt giá khởi điểm", "")]),
        new("5", EconomyField, "Xây dựng Đề án mở rộng cụm công nghiệp Phước An", "KT_HT", ["TCKH", "TN_MT", "PHUOC_AN"], Economy,
            Quarter(2), "Đề án", ["CT21"],
            [("2024-06-05", ProgressState.InProgress, 70, "Hoàn thành dự thảo Đề án, lấy ý kiến các sở, ngành", "Chờ ý kiến của Sở Công Thương", "")],
            ("2024-06-10", "2024-09-30", "Chờ ý kiến thẩm định của Sở Công Thương và Sở Tài nguyên và Môi trường", "2024-06-14", true, "Đồng ý gia hạn do phụ thuộc ý kiến của các sở")),
        new("6", EconomyField, "Lập kế hoạch sử dụng đất năm 2025 của huyện", "TN_MT", ["TCKH", .. Communes], Economy,
            Month(11), "Kế hoạch", [], []),
        new("7", SocietyField, "Ban hành Kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2024", "LDTBXH", ["TCKH", .. Communes], Society,
            Month(3), "Kế hoạch", ["CT07"],
            [("2024-04-12", ProgressState.Done, 100, "Ban hành Kế hoạch giảm nghèo, phân bổ vốn cho các xã", "Chờ số liệu rà soát hộ nghèo cuối năm 2023", "62/KH-UBND")]),
        new("8", SocietyField, "Phát triển người tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện", "BHXH", ["Y_TE", "LDTBXH", .. Communes], Society,
            Deadline.Regular, "Báo cáo", ["CT10"],
            [("2024-03-29", ProgressState.InProgress, 25, "Tỷ lệ bao phủ bảo hiểm y tế đạt 92,9%", "Người dân chưa tái tục thẻ hộ gia đình", ""),
             ("2024-06-25", ProgressState.InProgress, 50, "Tỷ lệ bao phủ bảo hiểm y tế đạt 93,4%", "", "")]),
        new("9", SocietyField, "Kiểm tra, đề nghị công nhận 3 trường đạt chuẩn quốc gia", "GD_DT", ["TT_TUY_PHUOC", "PHUOC_NGHIA"], Society,
            On(8, 31), "Hồ sơ đề nghị", ["CT13"],
            [("2024-05-30", ProgressState.InProgress, 30, "Tự đánh giá xong 3 trường; đang sửa chữa phòng học bộ môn", "Thiếu kinh phí cơ sở vật chất", "")]),
        new("10", SocietyField, "Triển khai hồ sơ sức khỏe điện tử và thanh toán không dùng tiền mặt tại các trạm y tế", "Y_TE", ["BHXH", .. Communes], Society,
            Deadline.Regular, "Báo cáo", [], []),
        new("11", InternalField, "Tổ chức tuyển chọn và gọi công dân nhập ngũ năm 2024", "QUAN_SU", ["CONG_AN", .. Communes], Internal,
            Month(2), "Báo cáo", ["CT16"],
            [("2024-02-26", ProgressState.Done, 100, "Giao quân đủ 100% chỉ tiêu, bảo đảm an toàn", "", "18/BC-BCH")]),
        new("12", InternalField, "Nâng cao chỉ số cải cách hành chính, tỷ lệ hồ sơ giải quyết trực tuyến và đúng hạn", "NOI_VU", ["TU_PHAP", .. Communes], Internal,
            Quarter(4), "Báo cáo", ["CT17"],
            [("2024-06-20", ProgressState.InProgress, 45, "Tỷ lệ hồ sơ đúng hạn 99,1%; rà soát quy trình nội bộ 86 thủ tục", "Chữ ký số chưa đồng bộ ở cấp xã", "")]),
        new("13", InternalField, "Bảo đảm an ninh chính trị, trật tự an toàn xã hội; kiềm chế tai nạn giao thông", "CONG_AN", ["QUAN_SU", .. Communes], Internal,
            Deadline.Regular, "Báo cáo", [],
            [("2024-03-30", ProgressState.InProgress, 25, "Tai nạn giao thông giảm 2 vụ so với cùng kỳ", "", ""),
             ("2024-06-28", ProgressState.InProgress, 50, "Mở đợt cao điểm trấn áp tội phạm; tai nạn giao thông giảm 3 vụ", "", "")]),
    ];

    private static readonly Row[] Units1307 =
    [
        new("1", "", "Hoàn thành giải phóng mặt bằng tuyến ĐT.640 đoạn qua xã", "PHUOC_LOC", ["TN_MT", "KT_HT"], Economy,
            On(4, 30), "Báo cáo", [],
            [("2024-04-15", ProgressState.InProgress, 80, "Bàn giao 80% mặt bằng; còn 6 hộ chưa nhận tiền bồi thường", "Hộ dân khiếu nại đơn giá bồi thường", "")],
            ("2024-04-25", "2024-07-31", "Còn 6 hộ chưa đồng ý phương án bồi thường", "2024-05-03", false, "Công trình trọng điểm của tỉnh, không gia hạn; tập trung vận động")),
        new("2", "", "Xây dựng phương án phòng, chống thiên tai và sạt lở bờ biển năm 2024", "PHUOC_THANG", ["NONG_NGHIEP", "QUAN_SU"], Economy,
            Month(5), "Phương án", [],
            [("2024-05-20", ProgressState.Done, 100, "Phê duyệt phương án, tổ chức diễn tập sơ tán dân", "", "35/PA-UBND")]),
        new("3", "", "Chỉnh trang đô thị, hoàn thiện các tiêu chí đô thị loại IV", "TT_DIEU_TRI", ["KT_HT", "TN_MT"], Economy,
            Quarter(4), "Đề án", [],
            [("2024-06-10", ProgressState.InProgress, 20, "Khảo sát hiện trạng, lập danh mục công trình chỉnh trang", "", "")]),
        new("4", "", "Nâng tỷ lệ dân số tham gia bảo hiểm y tế của xã lên 94%", "PHUOC_SON", ["BHXH"], Society,
            Deadline.Regular, "Báo cáo", ["CT10"],
            [("2024-03-27", ProgressState.InProgress, 30, "Tỷ lệ tham gia đạt 91,8%", "", ""),
             ("2024-06-24", ProgressState.InProgress, 55, "Tỷ lệ tham gia đạt 92,7%; vận động hộ cận nghèo", "Kinh phí hỗ trợ mua thẻ còn thiếu", "")]),
        new("5", "", "Ban hành Kế hoạch thực hiện phong trào \"Toàn dân đoàn kết xây dựng đời sống văn hóa\" năm 2024", "VH_TT", [.. Communes], Society,
            On(4, 30), "Kế hoạch", [], []),
        new("6", "", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của HĐND, UBND huyện", "TU_PHAP", ["NOI_VU"], Internal,
            Quarter(2), "Báo cáo", [],
            [("2024-06-18", ProgressState.InProgress, 85, "Rà soát 142 văn bản, đề xuất bãi bỏ 9 văn bản", "", ""),
             ("2024-07-05", ProgressState.Done, 100, "Công bố danh mục văn bản hết hiệu lực", "", "27/QĐ-UBND")]),
        new("7", "", "Kiên cố hóa 2,5 km kênh mương nội đồng", "PHUOC_HUNG", ["NONG_NGHIEP"], Economy,
            On(10, 31), "Báo cáo", ["CT25"],
            [("2024-06-15", ProgressState.InProgress, 50, "Hoàn thành 1,2 km kênh mương", "Vốn đối ứng của dân chậm", "")]),
    ];

    public static IReadOnlyList<Decision> Decisions() =>
    [
        Build("808/QĐ-UBND", new DateOnly(2024, 2, 20), "[DEMO] Danh mục nhiệm vụ trọng tâm thực hiện Kế hoạch phát triển kinh tế - xã hội năm 2024 của huyện", District808),
        Build("1307/QĐ-UBND", new DateOnly(2024, 3, 14), "[DEMO] Giao nhiệm vụ trọng tâm năm 2024 cho các cơ quan, đơn vị và UBND các xã, thị trấn", Units1307),
    ];

    private static Decision Build(string number, DateOnly date, string title, Row[] rows)
    {
        var created = At(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var decision = new Decision { Id = Guid.CreateVersion7(created), Number = number, DecisionDate = date, Title = title, Year = 2024, Demo = true, CreatedAt = created, CreatedBy = Reporter };
        decision.Tasks.AddRange(rows.Select((r, i) =>
        {
            var task = new KeyTask
            {
                Id = Guid.CreateVersion7(created),
                DecisionId = decision.Id,
                DecisionNumber = number,
                StartsOn = date,
                Year = 2024,
                Position = i + 1,
                Number = r.Number,
                Field = r.Field,
                Content = r.Content,
                LeadUnitCode = r.Lead,
                CoordinatingUnitCodes = [.. r.Coordinating.Where(c => c != r.Lead).Distinct()],
                Block = r.Block,
                DeadlineKind = r.Deadline.Kind,
                DueDate = r.Deadline.DueDate,
                Product = r.Product,
                IndicatorCodes = r.Indicators,
                Demo = true,
            };
            task.Progress.AddRange(r.Reports.Select(p => new ProgressReport
            {
                TaskId = task.Id,
                State = p.State,
                PercentDone = p.Percent,
                WorkDone = p.Work,
                Difficulties = p.Difficulties,
                ProductReference = p.Reference,
                CompletedOn = p.State == ProgressState.Done ? DateOnly.Parse(p.On, System.Globalization.CultureInfo.InvariantCulture) : null,
                ReportedAt = At(p.On),
                ReportedOn = DateOnly.Parse(p.On, System.Globalization.CultureInfo.InvariantCulture),
                ReportedBy = Reporter,
                ReportedFor = r.Lead,
            }));
            if (r.Extension is { } x)
            {
                task.Extensions.Add(new ExtensionRequest
                {
                    TaskId = task.Id,
                    RequestedDueDate = DateOnly.Parse(x.Until, System.Globalization.CultureInfo.InvariantCulture),
                    PreviousDueDate = r.Deadline.DueDate,
                    Reason = x.Reason,
                    RequestedAt = At(x.RequestedOn),
                    RequestedBy = Reporter,
                    Decision = x.Granted ? ExtensionDecision.Granted : ExtensionDecision.Refused,
                    DecisionReason = x.Answer,
                    DecidedAt = At(x.DecidedOn),
                    DecidedOn = DateOnly.Parse(x.DecidedOn, System.Globalization.CultureInfo.InvariantCulture),
                    DecidedBy = Reporter,
                });
            }
            return task;
        }));
        return decision;
    }

    private static readonly DistrictClock InTuyPhuoc = new(TimeProvider.System);

    /// <summary>09:00 in the district on the day.</summary>
    private static DateTimeOffset At(string day) =>
        InTuyPhuoc.At(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(9, 0));
}
