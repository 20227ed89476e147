var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEmulationScoringServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<EmulationScoringService>();
app.MapDefaultEndpoints();

app.Run();
