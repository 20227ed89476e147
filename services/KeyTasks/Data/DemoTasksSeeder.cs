namespace TuyPhuoc.KeyTasks.Data;

/// <summary>On first start: the demo key tasks of 2024 (marked demo), in the layout of Decisions 808 and 1307/QĐ-UBND.</summary>
public sealed class DemoTasksSeeder : IDbSeeder<KeyTasksDbContext>
{
    public async Task SeedAsync(KeyTasksDbContext db, CancellationToken ct)
    {
        if (await db.Decisions.AnyAsync(ct)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var decisions = DemoTasks2024.Decisions();
        db.Decisions.AddRange(decisions);
        db.ChangeLog.AddRange(decisions.Select(d => ChangeLogEntry.For(ChangeKinds.DecisionCreated, d.Id.ToString(),
            Google.Protobuf.JsonFormatter.Default.Format(Grpc.Mapping.ToProto(d)))));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
