var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEmulationScoringServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
