namespace TuyPhuoc.Portal.Features;

public static class FeatureReaders
{
    /// <summary>Each feature's reader: the only code that calls the suite for the feature's page and workbook.</summary>
    public static IServiceCollection AddFeatureReaders(this IServiceCollection services) => services
        .AddSingleton<TimelinessReader>()
        .AddSingleton<QuarterFactsReader>()
        .AddSingleton<QuarterReportReader>()
        .AddSingleton<BlockReader>()
        .AddSingleton<HomeReader>()
        .AddSingleton<IndicatorReader>()
        .AddSingleton<EscalationsReader>()
        .AddSingleton<ApprovalsReader>()
        .AddSingleton<RankingReader>()
        .AddSingleton<MonthReader>()
        .AddSingleton<PlanReader>()
        .AddSingleton<KeyTasksReader>()
        .AddSingleton<UnitsReader>()
        .AddSingleton<YearSetupReader>()
        .AddSingleton<AnnouncementsReader>()
        .AddSingleton<InboxReader>()
        .AddSingleton<DirectionsReader>()
        .AddSingleton<CatalogReader>()
        .AddSingleton<AuditReader>();
}
