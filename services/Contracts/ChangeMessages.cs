using Google.Protobuf.WellKnownTypes;

namespace TuyPhuoc.Contracts
{
    /// <summary>What every message of a change stream starts with: its position in the stream and when the change was made.</summary>
    public interface IFeedMessage
    {
        /// <summary>The change's position in its service's feed.</summary>
        long Sequence { get; set; }
        /// <summary>When the change was made.</summary>
        Timestamp OccurredAt { get; set; }
    }

    /// <summary>The header every service's <c>Change</c> message has (the same fields in each proto), so one mapping fills and reads it.</summary>
    public interface IChangeMessage : IFeedMessage
    {
        /// <summary>What changed, as one of the suite's change kinds.</summary>
        string Kind { get; set; }
        /// <summary>The key of what changed.</summary>
        string Key { get; set; }
        /// <summary>The W3C traceparent of the request that made the change; empty when there was none.</summary>
        string TraceParent { get; set; }
    }
}

namespace TuyPhuoc.Contracts.Plans.V1
{
    /// <summary>A change of the plans' feed.</summary>
    public sealed partial class Change : IChangeMessage;
}

namespace TuyPhuoc.Contracts.Submissions.V1
{
    /// <summary>A change of the submissions' feed.</summary>
    public sealed partial class Change : IChangeMessage;
}

namespace TuyPhuoc.Contracts.Tasks.V1
{
    /// <summary>A change of the key tasks' feed.</summary>
    public sealed partial class Change : IChangeMessage;
}

namespace TuyPhuoc.Contracts.Evaluation.V1
{
    /// <summary>An issue of the announcements' stream.</summary>
    public sealed partial class AnnouncementChange : IFeedMessage;

    /// <summary>A change of the results' stream.</summary>
    public sealed partial class ResultChange : IFeedMessage;
}
