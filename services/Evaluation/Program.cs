using TuyPhuoc.Evaluation.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEvaluationServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<EvaluationService>();
app.MapDefaultEndpoints();

app.Run();
