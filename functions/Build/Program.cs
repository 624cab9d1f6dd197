using Orchestrator.Contracts.Messages;
using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Build;
using Orchestrator.Hosting;
using Orchestrator.Messaging;

return await FunctionHost.RunAsync(args, builder =>
{
    builder.Services.AddObjectStore(builder.Configuration);
    builder.Services.AddBuildStage(builder.Configuration);
    builder.Services.AddStageFunction<BuildRequested>(builder.Configuration);
});
