var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSubmissionsServices();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
