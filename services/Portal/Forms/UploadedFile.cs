using Microsoft.AspNetCore.Components.Forms;

namespace TuyPhuoc.Portal.Forms;

/// <summary>A workbook the person picked, read within the suite's bounds, a hash of its bytes for an idempotency key, and the bytes (for a service that reads the file itself).</summary>
public sealed record UploadedWorkbook(IReadOnlyDictionary<string, SheetReader> Sheets, string Hash, byte[]? Bytes = null);

/// <summary>A workbook the person picked, copied from the browser into memory (forms are small; bigger files are refused).</summary>
public static class UploadedFile
{
    public static long MaxBytes => WorkbookLimits.Default.MaxBytes;

    /// <summary>
    /// The picked file read as a workbook through the process's <see cref="WorkbookGate"/> (one at a time per person);
    /// a file outside the bounds is refused with <see cref="WorkbookRefusedException"/>.
    /// </summary>
    public static async Task<UploadedWorkbook> ReadAsync(IBrowserFile file, string person, CancellationToken ct = default)
    {
        if (file.Size > MaxBytes) throw new WorkbookRefusedException(WorkbookRefusal.TooLarge, $"is larger than {MaxBytes / 1024 / 1024} MB");
        using var copy = new MemoryStream();
        await using (var stream = file.OpenReadStream(MaxBytes, ct)) await stream.CopyToAsync(copy, ct);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(copy.GetBuffer().AsSpan(0, (int)copy.Length)), 0, 12);
        copy.Position = 0;
        return new(Xlsx.Sheets(await WorkbookGate.Process.ReadAsync(person, copy, ct: ct)), hash, copy.ToArray());
    }

    /// <summary>The picked file read, or null and why it was refused, in the person's language.</summary>
    public static async Task<(UploadedWorkbook? File, string? Refused)> TryReadAsync(IBrowserFile file, string person, IStringLocalizer<Strings> l)
    {
        try
        {
            return (await ReadAsync(file, person), null);
        }
        catch (WorkbookRefusedException refused)
        {
            return (null, Refused(refused, l));
        }
    }

    /// <summary>Why a workbook was refused, in the person's language.</summary>
    public static string Refused(WorkbookRefusedException refused, IStringLocalizer<Strings> l) =>
        l[$"Upload_{refused.Reason}", MaxBytes / 1024 / 1024, WorkbookLimits.MaxRow.ToString("N0", VietNumber.Culture), WorkbookLimits.MaxColumn.ToString("N0", VietNumber.Culture)];
}
