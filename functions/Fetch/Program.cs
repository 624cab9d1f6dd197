using Orchestrator.Contracts.Messages;
using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Fetch;
using Orchestrator.Hosting;
using Orchestrator.Messaging;

var builder = FunctionHost.CreateBuilder(args);
builder.Services.AddObjectStore(builder.Configuration);
builder.Services.AddFetchStage(builder.Configuration);
builder.Services.AddStageFunction<FetchRequested>(builder.Configuration);

await builder.Build().RunAsync();
