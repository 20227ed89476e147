var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIndicatorPlansServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<IndicatorPlansService>();
app.MapDefaultEndpoints();

app.Run();
