var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKeyTasksServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<KeyTasksService>();
app.MapDefaultEndpoints();

app.Run();
