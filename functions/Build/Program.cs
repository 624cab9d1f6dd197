using Orchestrator.Contracts.Messages;
using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Build;
using Orchestrator.Hosting;
using Orchestrator.Messaging;

var builder = FunctionHost.CreateBuilder(args);
builder.Services.AddObjectStore(builder.Configuration);
builder.Services.AddBuildStage(builder.Configuration);
builder.Services.AddStageFunction<BuildRequested>(builder.Configuration);

await builder.Build().RunAsync();
