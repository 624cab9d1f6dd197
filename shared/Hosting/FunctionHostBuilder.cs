using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orchestrator.Contracts.Security;
using Orchestrator.Contracts.Settings;
using Orchestrator.Hosting.Credentials;
using Orchestrator.Hosting.Endpoints;
using Orchestrator.Hosting.Invocation;
using Orchestrator.Hosting.Logging;
using Orchestrator.Hosting.Options;

namespace Orchestrator.Hosting;

/// <summary>
/// Configures one function's FC custom-runtime host: register the function's <see cref="IInvocationHandler"/>
/// (and any <see cref="IFunctionInitializer"/>) on <see cref="Services"/>, then <see cref="Build"/> returns an app
/// that answers FC's event invocations and lifecycle calls, and to which the function may add its own HTTP routes.
/// </summary>
public sealed class FunctionHostBuilder
{
    private readonly WebApplicationBuilder _builder;

    private FunctionHostBuilder(WebApplicationBuilder builder, FunctionHostOptions options)
    {
        _builder = builder;
        Options = options;
    }

    /// <summary>The validated host settings.</summary>
    public FunctionHostOptions Options { get; }

    public IServiceCollection Services => _builder.Services;

    public IConfigurationManager Configuration => _builder.Configuration;

    public ILoggingBuilder Logging => _builder.Logging;

    /// <summary>
    /// Creates the builder; throws <see cref="InvalidSettingException"/> when a setting is bad. Command-line
    /// arguments (<c>--FC_CUSTOM_LISTEN_PORT=9001</c>) override environment variables.
    /// </summary>
    public static FunctionHostBuilder Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var options = FunctionHostOptionsReader.Read(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.ListenAddress, options.Port);
            kestrel.Limits.MaxRequestBodySize = InvocationRunner.MaxBodyBytes;
        });

        // Kestrel lets requests already running finish until this timeout on SIGTERM; a little more than the
        // drain so the drain's own report is still written.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(2));

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddSingleton<ILoggerProvider, JsonLineLoggerProvider>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<LogSink>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ICloudCredentialsSource, AmbientCloudCredentials>();
        // The same object, so every cloud client of a function (OSS, MNS, CDN) signs with the invocation's credentials.
        builder.Services.AddSingleton<ICredentialsProvider>(sp => sp.GetRequiredService<ICloudCredentialsSource>());
        builder.Services.AddSingleton<InvocationContextReader>();
        builder.Services.AddSingleton<InvocationTracker>();
        builder.Services.AddSingleton<InvocationRunner>();
        builder.Services.AddSingleton<Drainer>();
        builder.Services.AddHostedService<DrainOnShutdown>();
        return new FunctionHostBuilder(builder, options);
    }

    /// <summary>
    /// Builds the app, routing FC's calls by <c>x-fc-control-path</c> (<see cref="FcControlPath"/>): event invocations and
    /// lifecycle hooks to the host's handlers, HTTP-trigger requests to the routes the function maps on the result.
    /// Every setting registered to be validated at start is checked here, before anything listens or logs: a bad one
    /// throws <see cref="InvalidSettingException"/>.
    /// </summary>
    public WebApplication Build()
    {
        var app = _builder.Build();
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.UseStatusCodePages(EmptyErrorBodies.WriteAsync);
        app.Use(CredentialsMiddleware.Create(app.Configuration));
        app.Use(ControlPathRouter.Create());
        var logger = app.Services.GetRequiredService<ILogger<FunctionHostBuilder>>();
        app.Lifetime.ApplicationStarted.Register(() =>
            logger.HostStarted(Options.ListenAddress.ToString(), Options.Port, Options.InvocationBudget.TotalSeconds));
        return app;
    }
}
