namespace Orchestrator.Hosting.Tests.Support;

[CollectionDefinition(Name)]
public sealed class RunningFunctionsCollection : ICollectionFixture<RunningFunctions>
{
    public const string Name = "running functions";
}
