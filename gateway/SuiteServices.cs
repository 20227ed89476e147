namespace TuyPhuoc.Gateway;

/// <summary>A service of the suite behind the gateway: its Aspire resource and its gRPC service.</summary>
public sealed record Backend(string Resource, ServiceDescriptor Descriptor)
{
    public string FullName => Descriptor.FullName;
    public string Package => Descriptor.File.Package;
}

public static class SuiteServices
{
    public static readonly IReadOnlyList<Backend> Backends =
    [
        new(ResourceNames.IndicatorPlans, Contracts.Plans.V1.IndicatorPlans.Descriptor),
        new(ResourceNames.Submissions, Contracts.Submissions.V1.Submissions.Descriptor),
        new(ResourceNames.Evaluation, Contracts.Evaluation.V1.Evaluation.Descriptor),
        new(ResourceNames.EmulationScoring, Contracts.Scoring.V1.EmulationScoring.Descriptor),
        new(ResourceNames.KeyTasks, Contracts.Tasks.V1.KeyTasks.Descriptor),
        new(ResourceNames.Notifications, Contracts.Notifications.V1.Notifications.Descriptor),
    ];

    public static Backend? Find(string fullName) => Backends.FirstOrDefault(b => b.FullName == fullName);
}
