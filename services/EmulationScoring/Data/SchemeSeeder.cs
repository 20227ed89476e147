namespace TuyPhuoc.EmulationScoring.Data;

/// <summary>
/// On first start: the default scheme for 2024 (docs/rules.md, The scheme). Then opens the gate for the stream followers.
/// </summary>
public sealed class SchemeSeeder(DatabaseReady ready) : IDbSeeder<EmulationScoringDbContext>
{
    public const string SeededBy = "seed";

    public async Task SeedAsync(EmulationScoringDbContext db, CancellationToken ct)
    {
        var scheme = DefaultSchemes.Year2024;
        if (!await db.Schemes.AnyAsync(s => s.Year == scheme.Year, ct))
        {
            var recordedAt = DateTimeOffset.UtcNow;
            db.Schemes.Add(new SchemeVersionRow
            {
                Year = scheme.Year, Version = scheme.Version, RecordedAt = recordedAt, RecordedBy = SeededBy,
                Definition = scheme.ToProto(recordedAt, SeededBy).ToByteArray(),
            });
            await db.SaveChangesAsync(ct);
        }
        ready.Open();
    }
}
