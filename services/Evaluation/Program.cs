var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddEvaluationServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
