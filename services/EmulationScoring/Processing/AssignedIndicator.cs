using TuyPhuoc.EmulationScoring.Domain;
using Eval = TuyPhuoc.Contracts.Evaluation.V1;
using Plans = TuyPhuoc.Contracts.Plans.V1;
using Subs = TuyPhuoc.Contracts.Submissions.V1;

namespace TuyPhuoc.EmulationScoring.Processing;

public sealed record AssignedIndicator(string Code, MeasureKind Kind, bool LowerIsBetter);
