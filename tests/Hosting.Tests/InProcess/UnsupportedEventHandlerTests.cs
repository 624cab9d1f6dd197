using System.Text;
using Orchestrator.Contracts.Errors;
using Orchestrator.Hosting.Tests.Support;

namespace Orchestrator.Hosting.Tests.InProcess;

public sealed class UnsupportedEventHandlerTests
{
    private static readonly InvocationContext Context = new("r", "fetch", "cn-hangzhou", "1", null, null, null, DateTimeOffset.MaxValue);

    [Theory]
    [InlineData(Requests.OssEvent, "UnsupportedEvent", "OSS trigger event")]
    [InlineData("""{"specversion":"1.0"}""", "UnsupportedEvent", "CloudEvents")]
    [InlineData("not json", "InvalidEvent", "not valid JSON")]
    [InlineData("", "InvalidEvent", "empty")]
    public async Task InvokeAsync_AnyEvent_FailsClearlyNeverSucceeds(string body, string code, string message)
    {
        var handler = new UnsupportedEventHandler();

        var error = await Assert.ThrowsAsync<InvalidEventException>(() => handler.InvokeAsync(Encoding.UTF8.GetBytes(body), Context, CancellationToken.None));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
