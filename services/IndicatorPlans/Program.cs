using TuyPhuoc.ServiceDefaults;
using TuyPhuoc.IndicatorPlans.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIndicatorPlansServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<IndicatorPlansService>();
app.MapDefaultEndpoints();

app.Run();
