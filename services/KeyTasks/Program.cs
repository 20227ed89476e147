using TuyPhuoc.KeyTasks.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddKeyTasksServices();

var app = builder.Build();

app.MapGrpcService<KeyTasksService>();
app.MapDefaultEndpoints();

app.Run();
