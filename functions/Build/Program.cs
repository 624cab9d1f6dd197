using Orchestrator.Hosting;

var builder = FunctionHost.CreateBuilder(args);

// Until this function's real handler is wired, every event fails clearly (never a fake success).
builder.Services.AddSingleton<IInvocationHandler, UnsupportedEventHandler>();

var app = builder.Build();
await app.RunAsync();
