namespace TuyPhuoc.IndicatorPlans.Data;

/// <summary>On first start: the blocks, units and catalog of Tuy Phước and the 2024 plan of decision 12689/QĐ-UBND.</summary>
public sealed class PlansSeeder : IDbSeeder<PlansDbContext>
{
    public async Task SeedAsync(PlansDbContext db, CancellationToken ct)
    {
        if (await db.Units.AnyAsync(ct)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Blocks.AddRange(DemoPlan2024.Blocks);
        db.Units.AddRange(DemoPlan2024.Units);
        db.Indicators.AddRange(DemoPlan2024.Indicators);
        var revision = DemoPlan2024.Revision;
        revision.RecordedAt = DateTimeOffset.UtcNow;
        db.Revisions.Add(revision);
        db.ChangeLog.AddRange(DemoPlan2024.Units.Select(u => ChangeLogEntry.For(ChangeKinds.UnitCreated, u.Code)));
        db.ChangeLog.AddRange(DemoPlan2024.Indicators.Select(i => ChangeLogEntry.For(ChangeKinds.IndicatorCreated, i.Code)));
        db.ChangeLog.Add(ChangeLogEntry.For(ChangeKinds.PlanCreated, "2024", System.Text.Json.JsonSerializer.Serialize(
            new PlansStore.ChangeData(2024, DemoPlan2024.Revision.Targets.Select(t => t.IndicatorCode).ToArray()))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
