using Orchestrator.FunctionDefaults;
using Orchestrator.Functions.Initialize.Api;
using Orchestrator.Hosting;
using Orchestrator.Messaging;
using Orchestrator.Workflow;
using Orchestrator.Workflow.DependencyInjection;

return await FunctionHost.RunAsync(
    args,
    builder =>
    {
        builder.Services.AddObjectStore(builder.Configuration);
        builder.Services.AddCoordinator(builder.Configuration);
        builder.Services.AddCoordinatorFunction(
            builder.Configuration,
            (services, message, cancellationToken) => services.GetRequiredService<ICoordinator>().HandleAsync(message, cancellationToken));
    },
    app => app.MapStatusApi());
