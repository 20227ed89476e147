using TuyPhuoc.Portal;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(bearerTokens: false);
builder.AddPortal();

var app = builder.Build();

app.MapPortal();

app.Run();
