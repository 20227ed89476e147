using TuyPhuoc.Notifications.Grpc;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddNotificationsServices();

var app = builder.Build();

app.UseStrictJson();
app.MapGrpcService<NotificationsService>();
app.MapDefaultEndpoints();

app.Run();
