using TuyPhuoc.IndicatorPlans.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIndicatorPlansServices();

var app = builder.Build();

app.MapGrpcService<IndicatorPlansService>();
app.MapDefaultEndpoints();

app.Run();
