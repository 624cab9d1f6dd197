using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.Contracts.Security;
using Orchestrator.Messaging.Mns;
using Orchestrator.Tools.DevCloud.Config;
using Orchestrator.Tools.DevCloud.EventBridge;
using Orchestrator.Tools.DevCloud.Fc;
using Orchestrator.Tools.DevCloud.Gateway;
using Orchestrator.Tools.DevCloud.Mns;
using Orchestrator.Tools.DevCloud.Oss;
using Orchestrator.Tools.DevCloud.Timers;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Tools.DevCloud;

/// <summary>Starting the local cloud from s.yaml.</summary>
public sealed partial class LocalCloud
{
    public static async Task<LocalCloud> StartAsync(DevCloudOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var cloud = new LocalCloud(options, loggerFactory);
        try
        {
            await cloud.StartCoreAsync(cancellationToken);
            return cloud;
        }
        catch
        {
            await cloud.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var logger = LoggerFactory.CreateLogger<LocalCloud>();
        Directory.CreateDirectory(Options.DataDirectory);
        oss = await LocalOssServer.StartAsync(
            new LocalOssServerOptions
            {
                DataDirectory = Path.Combine(Options.DataDirectory, "oss"),
                Port = Options.Port,
                Region = Region,
                Credentials = [OperatorCredentials, Credentials],
                Buckets = [Bucket],
                SiteBucket = Bucket,
                AccountId = AccountId,
                TimeProvider = Options.TimeProvider,
            },
            cancellationToken);
        mns = await LocalMnsServer.StartAsync(
            new MnsServerOptions { Port = Options.Port == 0 ? 0 : Options.Port + 2, Credentials = Credentials },
            null,
            Options.TimeProvider,
            cancellationToken);

        Project = ServerlessProjectReader.Load(
            Path.Combine(Options.ProjectDirectory, Options.ServerlessFile),
            new VariableResolver(Lookup, new Dictionary<string, string> { ["AccountID"] = AccountId }));
        Region = Project.Functions.FirstOrDefault()?.Region ?? Region;
        foreach (var queue in Project.QueueNames())
        {
            mns.CreateQueue(new MnsQueueSettings { Name = queue, VisibilityTimeoutSeconds = Options.Pumps.VisibilityTimeoutSeconds });
        }

        var locator = new CodeLocator(Options.ProjectDirectory, Options.DataDirectory, Options.PrebuiltConfiguration, logger);
        foreach (var function in Project.Functions)
        {
            // One at a time: function projects share libraries, and parallel builds of one project collide.
            var plan = await locator.LocateAsync(function, cancellationToken);
            var environment = FunctionEnvironment(function);
            pools.Add(new FunctionPool(
                function,
                Path.Combine(Options.DataDirectory, "logs"),
                log => new FunctionInstance(function, plan, environment, log, Options.Instances, LoggerFactory.CreateLogger<FunctionInstance>()),
                Options.Instances,
                Options.TimeProvider,
                LoggerFactory.CreateLogger<FunctionPool>()));
        }

        await Task.WhenAll(pools.Select(p => p.StartAsync(cancellationToken)));
        await StartGatewayAsync(cancellationToken);
        StartTriggers();
    }

    private void StartTriggers()
    {
        var token = stopping.Token;
        var queues = new MnsClient(new HttpClient(), MnsEndpoint, new StaticCredentialsProvider(Credentials), Options.TimeProvider, LoggerFactory.CreateLogger<MnsClient>());
        var routes = new List<(FunctionSpec, Func<byte[], CancellationToken, Task>)>();
        foreach (var pool in pools)
        {
            var function = pool.Function;
            var async = new AsyncInvoker(pool, queues, Options.Pumps, Deliveries, Options.TimeProvider, LoggerFactory.CreateLogger<AsyncInvoker>());
            background.Add(async.RunAsync(token));
            routes.Add((function, async.SubmitAsync));
            foreach (var trigger in function.Triggers.OfType<QueueTriggerSpec>())
            {
                var pump = new QueuePump(trigger, function, AccountId, queues, trigger.AsyncInvocation ? async.SubmitAsync : pool.InvokeAsync, Options.Pumps, Deliveries, Options.TimeProvider, LoggerFactory.CreateLogger<QueuePump>());
                background.Add(pump.RunAsync(token));
            }

            foreach (var trigger in function.Triggers.OfType<TimerTriggerSpec>())
            {
                var schedule = TimerSchedule.Parse(Options.TimerInterval is { } every ? $"@every {(int)Math.Max(1, every.TotalSeconds)}s" : trigger.CronExpression);
                background.Add(new TimerRunner(trigger, schedule, async.SubmitAsync, Options.TimeProvider).RunAsync(token));
            }
        }

        var router = new OssTriggerRouter(routes);
        var subscription = oss!.Notifications.Subscribe();
        background.Add(Task.Run(
            async () =>
            {
                using (subscription)
                {
                    await foreach (var notification in subscription.Reader.ReadAllAsync(token))
                    {
                        await router.RouteAsync(Encoding.UTF8.GetBytes(notification.EventJson), token);
                    }
                }
            },
            CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default));
    }

    /// <summary>Starts the HTTP trigger's gateway (after the instances, so the first request finds one ready).</summary>
    private async Task StartGatewayAsync(CancellationToken cancellationToken)
    {
        foreach (var pool in pools)
        {
            if (pool.Function.Triggers.OfType<HttpTriggerSpec>().FirstOrDefault() is { } http)
            {
                gateway = await HttpGateway.StartAsync(http, pool, Options.Port == 0 ? 0 : Options.Port + 1, LoggerFactory, cancellationToken);
                return;
            }
        }
    }

    // s.yaml's ${env(...)}: the dev cloud's own endpoints and secrets first, then the caller's, then the process's.
    private string? Lookup(string name) => name switch
    {
        "ORCHESTRATOR_BUCKET" => Bucket,
        "OSS_ENDPOINT" => OssEndpoint.ToString().TrimEnd('/'),
        "MNS_ENDPOINT" or "Mns__Endpoint" => MnsEndpoint.ToString().TrimEnd('/'),
        "ORCHESTRATOR_OPS_TOKEN" => OpsToken,
        "ORCHESTRATOR_SITE_BASE_URL" => oss!.WebsiteUrl(Bucket, string.Empty).ToString().TrimEnd('/'),
        _ => Options.Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name),
    };

    private Dictionary<string, string> FunctionEnvironment(FunctionSpec function)
    {
        var environment = new Dictionary<string, string>(function.Environment, StringComparer.Ordinal)
        {
            ["FC_FUNCTION_NAME"] = function.FunctionName,
            ["FC_REGION"] = function.Region,
            ["FC_ACCOUNT_ID"] = AccountId,
            ["FC_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(CultureInfo.InvariantCulture),
            ["FC_FUNCTION_HANDLER"] = "index.handler",
            ["FC_RUNTIME"] = function.Runtime,
            [EnvironmentCredentials.AccessKeyIdVariable] = Credentials.AccessKeyId,
            [EnvironmentCredentials.AccessKeySecretVariable] = Credentials.AccessKeySecret,
            [EnvironmentCredentials.SecurityTokenVariable] = Credentials.SecurityToken!,
        };
        foreach (var key in new[] { function.ResourceName, function.FunctionName })
        {
            foreach (var (name, value) in Options.FunctionEnvironment.GetValueOrDefault(key) ?? new Dictionary<string, string>())
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
