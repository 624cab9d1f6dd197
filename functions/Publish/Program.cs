using Orchestrator.Contracts.Messages;
using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Publish;
using Orchestrator.Functions.Publish.Rollback;
using Orchestrator.Hosting;
using Orchestrator.Messaging;

return await FunctionHost.RunAsync(args, builder =>
{
    builder.Services.AddObjectStore(builder.Configuration);
    builder.Services.AddPublishStage(builder.Configuration);
    builder.Services.AddStageFunction<PublishRequested>(
        builder.Configuration,
        more => more.Handle<RollbackRequested, RollbackMessageHandler>());
});
