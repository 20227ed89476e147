using TuyPhuoc.Contracts.Plans.V1;
using TuyPhuoc.Contracts.Scoring.V1;

namespace TuyPhuoc.Portal.Forms;

/// <summary>The classification list (danh sách xếp loại) for the emulation council: the ranking as EmulationScoring gives it.</summary>
public static class RankingForm
{
    public const string Sheet = "XepLoai";
    public const int Columns = 7, HeadRow = 7;

    public static string FileName(int year, int quarter) => quarter > 0 ? $"Xep-loai-Q{quarter}-{year}.xlsx" : $"Xep-loai-{year}.xlsx";

    public static void Write(Stream output, IEnumerable<RankingEntry> entries, int year, int quarter, bool final, IReadOnlyDictionary<string, Unit> units, DateOnly date) =>
        Xlsx.Write(output, (Sheet, sheet =>
        {
            var district = units.Values.FirstOrDefault(u => u.Kind == UnitKind.District)?.Name ?? "UBND huyện";
            sheet.Widths(6, 34, 22, 12, 10, 30, 36);
            FormText.Heading(sheet, Columns, FormText.IssuingBody(district), null,
                $"DANH SÁCH XẾP LOẠI THI ĐUA NĂM {year}" + (quarter > 0 ? $" (TẠM TÍNH ĐẾN HẾT QUÝ {FormText.Roman(quarter)})" : ""),
                final ? "(Kết quả chính thức)" : "(Kết quả tạm tính)");
            sheet.Write(XCell.Of("STT", Look.Head), XCell.Of("Đơn vị", Look.Head), XCell.Of("Khối", Look.Head), XCell.Of("Tổng điểm", Look.Head),
                XCell.Of("Xếp hạng", Look.Head), XCell.Of("Xếp loại", Look.Head), XCell.Of("Ghi chú", Look.Head));
            FormText.Numbering(sheet, Columns, HeadRow);
            var number = 0;
            foreach (var e in entries)
            {
                var block = FormText.Block(e.Block);
                sheet.Write(XCell.Of((++number).ToString(), Look.Centered), XCell.Of(units.GetValueOrDefault(e.UnitCode)?.Name ?? e.UnitCode),
                    XCell.Of(block == SectorBlock.Unspecified ? "" : FormText.Block(block)), XCell.Of(e.Total), XCell.Of(e.Rank, Look.Whole),
                    XCell.Of(e.ClassificationName), XCell.Of(e.HeldBackByCap ? "Giữ ở mức dưới do giới hạn tỷ lệ đơn vị xuất sắc" : ""));
            }
            FormText.Signature(sheet, Columns, FormText.Place(district), date, "PHÒNG NỘI VỤ", "TRƯỞNG PHÒNG");
        }));
}
