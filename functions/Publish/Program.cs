using Orchestrator.Contracts.Messages;
using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Publish;
using Orchestrator.Hosting;
using Orchestrator.Messaging;

var builder = FunctionHost.CreateBuilder(args);
builder.Services.AddObjectStore(builder.Configuration);
builder.Services.AddPublishStage(builder.Configuration);
builder.Services.AddStageFunctionWithCommand<PublishRequested, RollbackRequested>(builder.Configuration);

await builder.Build().RunAsync();
