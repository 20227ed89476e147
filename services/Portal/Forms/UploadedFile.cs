using Microsoft.AspNetCore.Components.Forms;

namespace TuyPhuoc.Portal.Forms;

/// <summary>A workbook the person picked, copied from the browser into memory (forms are small; bigger files are refused).</summary>
public static class UploadedFile
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>The file's bytes, and a hash of them for an idempotency key; null when it is larger than <see cref="MaxBytes"/>.</summary>
    public static async Task<(MemoryStream Content, string Hash)?> ReadAsync(IBrowserFile file, CancellationToken ct = default)
    {
        if (file.Size > MaxBytes) return null;
        var copy = new MemoryStream();
        await using (var stream = file.OpenReadStream(MaxBytes, ct)) await stream.CopyToAsync(copy, ct);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(copy.ToArray()), 0, 12);
        copy.Position = 0;
        return (copy, hash);
    }
}
