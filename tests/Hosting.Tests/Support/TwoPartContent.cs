using System.Net;

namespace Orchestrator.Hosting.Tests.Support;

/// <summary>A request body sent as its first half, then the rest once the test says so (chunked, no length).</summary>
internal sealed class TwoPartContent(byte[] body) : HttpContent
{
    private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void SendRest() => _rest.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var half = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, half));
        await stream.FlushAsync();
        await _rest.Task.WaitAsync(FunctionProcess.WaitTimeout);
        await stream.WriteAsync(body.AsMemory(half));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
