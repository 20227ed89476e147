namespace TuyPhuoc.KeyTasks.Import;

/// <summary>The first sheet of an .xlsx file as its non-empty cells, read by the suite's bounded workbook reader.</summary>
public static class AnnexWorkbook
{
    public static (string Sheet, List<AnnexCell> Cells) Read(byte[] workbook) =>
        ReadAsync(workbook, (stream, _) => Task.FromResult(WorkbookReader.Read(stream)), default).GetAwaiter().GetResult();

    /// <summary>Reads the annex through the process's <see cref="WorkbookGate"/>: one at a time per caller, a few at once, for a bounded time.</summary>
    public static Task<(string Sheet, List<AnnexCell> Cells)> ReadAsync(string caller, byte[] workbook, CancellationToken ct) =>
        ReadAsync(workbook, (stream, c) => WorkbookGate.Process.ReadAsync(caller, stream, ct: c), ct);

    private static async Task<(string Sheet, List<AnnexCell> Cells)> ReadAsync(byte[] workbook,
        Func<Stream, CancellationToken, Task<IReadOnlyList<WorkbookSheet>>> read, CancellationToken ct)
    {
        if (workbook.Length == 0) throw new InvalidInputException("workbook", "is required: the annex as an .xlsx file");
        try
        {
            return Cells(await read(new MemoryStream(workbook, writable: false), ct));
        }
        catch (WorkbookRefusedException refused)
        {
            throw new InvalidInputException("workbook", $"is refused: the workbook {refused.Message}");
        }
    }

    private static (string Sheet, List<AnnexCell> Cells) Cells(IReadOnlyList<WorkbookSheet> sheets)
    {
        var sheet = sheets.FirstOrDefault() ?? throw new InvalidInputException("workbook", "is not an .xlsx workbook with a sheet");
        return (sheet.Name.Length > 0 ? sheet.Name : "Sheet1",
            [.. sheet.Cells.Where(c => c.Text.Trim().Length > 0).Select(c => new AnnexCell(WorkbookReader.ColumnLetters(c.Column), c.Row, c.Text, c.Number))]);
    }
}
