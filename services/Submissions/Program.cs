var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddSubmissionsServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<SubmissionsService>();
app.MapDefaultEndpoints();

app.Run();
