namespace TuyPhuoc.Portal.Features;

/// <summary>The classification list (danh sách xếp loại) for the emulation council: the page's <see cref="RankingView"/>, printed.</summary>
public static class RankingWorkbook
{
    public const string Sheet = "XepLoai";
    public const int Columns = 7, HeadRow = 7;

    public static string FileName(RankingView view) =>
        (view.Quarter > 0 ? $"Xep-loai-Q{view.Quarter}-{view.Year}" : $"Xep-loai-{view.Year}") + (view.Block.Length > 0 ? $"-{view.Block}" : "") + ".xlsx";

    /// <summary>A block in the portal's words; communes and towns are ranked among themselves (the screen's words, which the document test holds to).</summary>
    public static string BlockName(string block) => block.Length == 0 ? "" : FormText.BlockLabel(block);

    public static void Write(Stream output, RankingView view, DateOnly date) =>
        Xlsx.Write(output, (Sheet, sheet =>
        {
            sheet.Widths(6, 34, 22, 12, 10, 30, 36);
            FormText.Heading(sheet, Columns, FormText.IssuingBody(view.District), null,
                $"DANH SÁCH XẾP LOẠI THI ĐUA NĂM {view.Year}" + (view.Quarter > 0 ? $" (TẠM TÍNH ĐẾN HẾT QUÝ {FormText.Roman(view.Quarter)})" : ""),
                (view.Block.Length > 0 ? BlockName(view.Block) + " " : "") + (view.Final ? "(Kết quả chính thức)" : "(Kết quả tạm tính)"));
            sheet.Write(XCell.Of("STT", Look.Head), XCell.Of("Đơn vị", Look.Head), XCell.Of("Khối", Look.Head), XCell.Of("Tổng điểm", Look.Head),
                XCell.Of("Xếp hạng", Look.Head), XCell.Of("Xếp loại", Look.Head), XCell.Of("Ghi chú", Look.Head));
            FormText.Numbering(sheet, Columns, HeadRow);
            var number = 0;
            foreach (var e in view.Entries)
            {
                sheet.Write(XCell.Of((++number).ToString(), Look.Centered), XCell.Of(e.UnitName), XCell.Of(BlockName(e.Block)), XCell.Of(e.Total), XCell.Of(e.Rank, Look.Whole),
                    XCell.Of(e.ClassName), XCell.Of(e.HeldBack ? "Giữ ở mức dưới do giới hạn tỷ lệ đơn vị xuất sắc" : ""));
            }
            FormText.Signature(sheet, Columns, FormText.Place(view.District), date, "PHÒNG NỘI VỤ", "TRƯỞNG PHÒNG");
        }));
}
