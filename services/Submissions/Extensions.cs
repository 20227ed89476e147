using TuyPhuoc.Submissions.Data;
using TuyPhuoc.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

public static class SubmissionsExtensions
{
    public static void AddSubmissionsServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<SubmissionsDbContext>(ResourceNames.SubmissionsDb);
        builder.Services.AddMigration<SubmissionsDbContext>();
        builder.AddSuiteGrpc(TuyPhuoc.Contracts.Submissions.V1.Submissions.Descriptor.FullName);
    }
}
