using Orchestrator.Contracts.Messages;
using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Fetch;
using Orchestrator.Hosting;
using Orchestrator.Messaging;

return await FunctionHost.RunAsync(args, builder =>
{
    builder.Services.AddObjectStore(builder.Configuration);
    builder.Services.AddFetchStage(builder.Configuration);
    builder.Services.AddStageFunction<FetchRequested>(builder.Configuration);
});
