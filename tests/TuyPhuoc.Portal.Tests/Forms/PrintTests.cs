using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TuyPhuoc.Contracts.Scoring.V1;
using TuyPhuoc.Contracts.Submissions.V1;
using TuyPhuoc.Portal.Features;
using TuyPhuoc.Portal.Forms;

namespace TuyPhuoc.Portal.Tests.Forms;

/// <summary>
/// Every form the portal produces, printed as an official would print it: opened in LibreOffice Calc (headless) and
/// turned into a PDF, whose pages are A4 landscape with every column on one page's width and the table's head on each.
/// </summary>
public sealed partial class PrintTests
{
    private const string LongCause = "Thị trường bất động sản trầm lắng, nhà đầu tư chưa quay lại; công tác giải phóng mặt bằng các dự án khu dân cư "
        + "còn chậm do vướng đơn giá bồi thường; nguồn thu tiền sử dụng đất đạt thấp so với dự toán được giao đầu năm.";

    private static readonly Lazy<Dictionary<string, Printed>> Printouts = new(PrintAll);

    public static TheoryData<string, int> Forms => new()
    {
        { "bao-cao-quy", QuarterReportWorkbook.Columns },
        { "thong-bao", QuarterReportWorkbook.Columns },
        { "bao-cao-thang", MonthWorkbook.Columns },
        { "ke-hoach", 0 },
        { "xep-loai", RankingWorkbook.Columns },
        { "khoi", BlockWorkbook.Columns },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Print_EveryPageA4LandscapeOneWideWithTheHead(string form, int columns)
    {
        var printed = Printouts.Value[form];

        Assert.NotEmpty(printed.Pages);
        Assert.All(printed.Sizes, size => Assert.Equal((842, 595), size));
        for (var page = 0; page < printed.Pages.Count; page++)
        {
            var text = printed.Pages[page];
            // The numbering row (1) … (n) is the head's last row: on every page, and all of it, or a column went to another page.
            var numbers = Numbering().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
            Assert.True(numbers.Contains(1), $"{form}, page {page + 1} has no head:\n{text}");
            var last = columns > 0 ? columns : numbers.Max();
            Assert.True(Enumerable.Range(1, last).All(numbers.Contains), $"{form}, page {page + 1} lacks columns of (1)…({last}):\n{text}");
            Assert.Contains("STT", text);
        }
    }

    [Fact]
    public void Print_AnAnnouncementsReport_ItsNumberAndDateUnderTheTitle()
    {
        Assert.Contains("(Kèm theo Thông báo số 130/TB-UBND ngày 15/07/2024 của UBND huyện Tuy Phước)", Printouts.Value["thong-bao"].Pages[0]);
        Assert.Contains("(Kèm theo Báo cáo số /BC-UBND", Whitespace().Replace(Printouts.Value["bao-cao-quy"].Pages[0], " "));
    }

    [Fact]
    public void Print_TheBlocksSummary_ItsOfficesReviewsWithTheirTimeliness()
    {
        var text = Whitespace().Replace(Printouts.Value["khoi"].Text, " ");

        Assert.Contains("TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU KHỐI KINH TẾ QUÝ II NĂM 2024", text);
        Assert.Contains("Trễ 3 ngày (hạn 10/07/2024)", text);
        Assert.Contains("Chưa gửi, quá hạn 5 ngày", text);
        Assert.Contains("Sản lượng lương thực vụ Hè Thu đạt thấp.", text);
    }

    [Fact]
    public void Print_ThePlan_SeveralPagesDownEachWithItsHead()
    {
        Assert.True(Printouts.Value["ke-hoach"].Pages.Count >= 3, "the plan's 34 indicators and their allocations fit on fewer than three pages");
    }

    [Fact]
    public void Print_AWrappedCause_AllOfItOnThePage()
    {
        var words = Printouts.Value["bao-cao-quy"].Text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();

        Assert.All(LongCause.Split(' '), word => Assert.Contains(word, words));
    }

    [Fact]
    public void Write_ALongCause_ItsRowTallEnoughForItsLines()
    {
        using var stream = new MemoryStream();
        QuarterReportWorkbook.Write(stream, QuarterReport());
        var sheet = new Harness.Opened(stream.ToArray(), QuarterReportWorkbook.Sheet);
        var row = sheet.Column("M").Select((text, i) => (text, i)).First(c => c.text.Contains(LongCause, StringComparison.Ordinal));
        var height = sheet.Height(sheet.RowOf("M", row.text));

        Assert.True(height >= 6 * 15.75, $"a row of {height} points for a cause of {LongCause.Length} characters in a column 42 wide");
    }

    [Theory]
    [InlineData("Tổng sản lượng", 20, 1)]
    [InlineData("Tổng sản lượng lương thực có hạt", 20, 2)]
    [InlineData("một\nhai\nba", 40, 3)]
    [InlineData("Sốrấtdàikhôngcókhoảngtrắngnàocảđểxuốngdòng", 11, 5)]
    public void LinesOf_TextInAColumn_TheLinesItWrapsTo(string text, double width, int lines)
    {
        Assert.Equal(lines, Xlsx.LinesOf(text, width));
    }

    /// <summary>The economy block's quarter, from the same figures, with an office's review filed late and another's missing.</summary>
    private static BlockView Block()
    {
        var q = QuarterReport();
        return new BlockView(q.Issuer, "economy", q.Year, q.Quarter, q.Preliminary, q.Counts, 3, 1, [.. q.Figures.Where(f => f.Block == "economy")], q.BelowCheckpoint,
        [
            new("NONG_NGHIEP", "Phòng Nông nghiệp và Phát triển nông thôn", new TimelinessMark(Timeliness.Late, 3), new DateOnly(2024, 7, 10), new DateTimeOffset(2024, 7, 13, 2, 0, 0, TimeSpan.Zero), "nn",
                "Sản lượng lương thực vụ Hè Thu đạt thấp.", [new("CT02", "Tổng sản lượng lương thực có hạt", LongCause, "Chuyển đổi cây trồng cạn")]),
            new("TCKH", "Phòng Tài chính - Kế hoạch", new TimelinessMark(Timeliness.Missing, 5), new DateOnly(2024, 7, 10), null, "", "", []),
        ], [], null);
    }

    private static QuarterReportView QuarterReport() => Seeded.Q2View(Seeded.Note(Seeded.Catalog["CT04"].ResponsibleOfficeCode, "CT04", 5, LongCause));

    private sealed record Printed(IReadOnlyList<string> Pages, IReadOnlyList<(int Width, int Height)> Sizes)
    {
        public string Text => string.Join("\n", Pages);
    }

    private static Dictionary<string, Printed> PrintAll()
    {
        var folder = Directory.CreateTempSubdirectory("tuyphuoc-print-").FullName;
        var workbooks = new Dictionary<string, Action<Stream>>
        {
            ["bao-cao-quy"] = s => QuarterReportWorkbook.Write(s, QuarterReport()),
            ["thong-bao"] = s => QuarterReportWorkbook.Write(s, QuarterReport() with { Number = "130/TB-UBND" }),
            ["bao-cao-thang"] = s => MonthWorkbook.Write(s, MonthView.From(new Contracts.Plans.V1.Unit { Code = "PHUOC_THANG", Name = "Xã Phước Thắng" }, 2024, 7, [Lines.Grain, Lines.Insurance],
                [new ActualRevision { UnitCode = "PHUOC_THANG", IndicatorCode = "CT02", Year = 2024, Month = 6, Value = 2_750.5, Note = LongCause, Revision = 1 }], new Report())),
            ["ke-hoach"] = s => PlanWorkbook.Write(s, PlanView.From(2024, [], Seeded.Plan, new PlanCatalog(Seeded.Catalog, Seeded.Units))),
            ["khoi"] = s => BlockWorkbook.Write(s, Block(), new DateOnly(2024, 7, 15)),
            ["xep-loai"] = s => RankingWorkbook.Write(s, Features.Rankings.View(Seeded.Units.Values.Select((u, i) => new RankingEntry
                { Rank = i + 1, UnitCode = u.Code, Total = 90 - i, ClassificationCode = "good", ClassificationName = "Hoàn thành tốt nhiệm vụ" }), 0, false), new DateOnly(2024, 12, 20)),
        };
        foreach (var (name, write) in workbooks)
        {
            using var file = File.Create(Path.Combine(folder, name + ".xlsx"));
            write(file);
        }
        // A profile of its own: a LibreOffice already running (a person's, or another test run's) is left alone.
        Run("soffice", ["-env:UserInstallation=file://" + Path.Combine(folder, "profile"), "--headless", "--convert-to", "pdf", "--outdir", folder,
            .. workbooks.Keys.Select(n => Path.Combine(folder, n + ".xlsx"))]);
        return workbooks.Keys.ToDictionary(n => n, n =>
        {
            var pdf = Path.Combine(folder, n + ".pdf");
            Assert.True(File.Exists(pdf), $"LibreOffice did not print {n}.xlsx");
            var count = int.Parse(PageCount().Match(Run("pdfinfo", [pdf])).Groups[1].Value, CultureInfo.InvariantCulture);
            var sizes = PageSize().Matches(Run("pdfinfo", ["-f", "1", "-l", count.ToString(CultureInfo.InvariantCulture), pdf]))
                .Select(m => ((int)Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)), (int)Math.Round(double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))).ToList();
            var pages = Enumerable.Range(1, count).Select(p => Run("pdftotext", ["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture), "-layout", pdf, "-"])).ToList();
            return new Printed(pages, sizes);
        });
    }

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    [GeneratedRegex(@"\((\d+)\)")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PageCount();

    [GeneratedRegex(@"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSize();
}
