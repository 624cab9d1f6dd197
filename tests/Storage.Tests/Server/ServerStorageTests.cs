using System.Security.Cryptography;
using System.Text;
using Orchestrator.Contracts.Security;
using Orchestrator.Storage.Oss;
using Orchestrator.TestSupport;
using Orchestrator.Tools.OssServer.Hosting;

namespace Orchestrator.Storage.Tests.Server;

/// <summary>
/// The local server's storage across restarts: every object record lives in one append-only log per bucket
/// (<c>&lt;data&gt;/&lt;bucket&gt;/objects.log</c>), large bodies in blob files.
/// </summary>
public sealed class ServerStorageTests : IDisposable
{
    private const string Bucket = "keep";
    private readonly TempDirectory _folder = new("storage");
    private readonly CancellationTokenSource _cts = new(TimeSpan.FromSeconds(60));

    private string Data => _folder.Combine("data");

    private string LogPath => Path.Combine(Data, Bucket, "objects.log");

    private CancellationToken Ct => _cts.Token;

    [Fact]
    public async Task Restart_KeepsTheLastWriteOfEachKey_AndForgetsDeletedOnes()
    {
        var big = RandomNumberGenerator.GetBytes(100 * 1024);
        await using (var first = await StartAsync())
        {
            using var client = Client(first);
            await client.PutAsync(Bucket, "head", Body("v1"), null, Ct);
            await client.PutAsync(Bucket, "head", Body("v2"), null, Ct);
            await client.PutAsync(Bucket, "gone", Body("x"), null, Ct);
            await client.DeleteAsync(Bucket, "gone", Ct);
            await client.PutAsync(Bucket, "big", new MemoryStream(big), null, Ct);
        }

        await using var second = await StartAsync();
        using var again = Client(second);
        Assert.Equal("v2", Encoding.UTF8.GetString(await ReadAsync(again, "head")));
        Assert.Null(await again.HeadAsync(Bucket, "gone", Ct));
        Assert.Equal(big, await ReadAsync(again, "big"));
        await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() =>
            again.PutAsync(Bucket, "head", Body("v3"), new PutOptions { ForbidOverwrite = true }, Ct));
    }

    [Fact]
    public async Task Restart_AfterATornLastWrite_KeepsEveryCompleteWrite_AndAppendsAfterThem()
    {
        await using (var first = await StartAsync())
        {
            using var client = Client(first);
            await client.PutAsync(Bucket, "a", Body("1"), null, Ct);
            await client.PutAsync(Bucket, "b", Body("2"), null, Ct);
        }

        // A write cut short by a crash: a frame header promising more bytes than follow, then half a payload.
        var complete = new FileInfo(LogPath).Length;
        await using (var log = new FileStream(LogPath, FileMode.Append))
        {
            await log.WriteAsync(new byte[] { 200, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, (byte)'{', (byte)'"' }, Ct);
        }

        await using (var second = await StartAsync())
        {
            Assert.Equal(complete, new FileInfo(LogPath).Length);
            using var client = Client(second);
            Assert.Equal("2", Encoding.UTF8.GetString(await ReadAsync(client, "b")));
            await client.PutAsync(Bucket, "c", Body("3"), null, Ct);
        }

        await using var third = await StartAsync();
        using var again = Client(third);
        Assert.Equal(["1", "2", "3"], [.. await Task.WhenAll(new[] { "a", "b", "c" }.Select(async k => Encoding.UTF8.GetString(await ReadAsync(again, k))))]);
    }

    [Fact]
    public async Task Restart_AfterACorruptedFrame_StopsThere()
    {
        await using (var first = await StartAsync())
        {
            using var client = Client(first);
            await client.PutAsync(Bucket, "a", Body("1"), null, Ct);
            await client.PutAsync(Bucket, "b", Body("2"), null, Ct);
        }

        // Flip a byte in the last frame's payload: its checksum no longer matches, so it and anything after it go.
        var bytes = await File.ReadAllBytesAsync(LogPath, Ct);
        bytes[^3] ^= 0xFF;
        await File.WriteAllBytesAsync(LogPath, bytes, Ct);

        await using var second = await StartAsync();
        using var again = Client(second);
        Assert.Equal("1", Encoding.UTF8.GetString(await ReadAsync(again, "a")));
        Assert.Null(await again.HeadAsync(Bucket, "b", Ct));
    }

    [Fact]
    public async Task ManyOverwrites_CompactTheLog_WithoutLosingAnObject()
    {
        var body = RandomNumberGenerator.GetBytes(16 * 1024);
        await using (var first = await StartAsync())
        {
            using var client = Client(first);
            await client.PutAsync(Bucket, "other", Body("kept"), null, Ct);

            // About 22 KB per frame (the body inline, base64): 3,500 overwrites pass the 64 MiB floor with most frames dead.
            await Parallel.ForEachAsync(Enumerable.Range(0, 3500), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
                await client.PutAsync(Bucket, "hot", new MemoryStream(body), null, ct));
            Assert.True(new FileInfo(LogPath).Length < 64L * 1024 * 1024, $"the log is {new FileInfo(LogPath).Length} bytes: it was never compacted");
            await client.PutAsync(Bucket, "after", Body("appended"), null, Ct);
        }

        await using var second = await StartAsync();
        using var again = Client(second);
        Assert.Equal(body, await ReadAsync(again, "hot"));
        Assert.Equal("kept", Encoding.UTF8.GetString(await ReadAsync(again, "other")));
        Assert.Equal("appended", Encoding.UTF8.GetString(await ReadAsync(again, "after")));
    }

    [Fact]
    public async Task DataFolderOfTheEarlierLayout_IsMovedIntoTheLog()
    {
        // Before the log, each object's record was its own meta/<sha256(key)>.json, a small body inline (base64).
        var meta = Path.Combine(Data, Bucket, "meta");
        Directory.CreateDirectory(meta);
        const string record = """
            {"Key":"jobs/j1/job.json","BlobId":"","Size":5,"ETag":"\"5D41402ABC4B2A76B9719D911017C592\"","LastModified":"2026-11-01T10:00:00+00:00","ContentType":"application/json","CacheControl":null,"Metadata":{"state":"Fetching"},"Multipart":false,"Inline":"aGVsbG8="}
            """;
        await File.WriteAllTextAsync(Path.Combine(meta, Convert.ToHexStringLower(SHA256.HashData("jobs/j1/job.json"u8)) + ".json"), record, Ct);

        await using (var first = await StartAsync())
        {
            using var client = Client(first);
            Assert.Equal("hello", Encoding.UTF8.GetString(await ReadAsync(client, "jobs/j1/job.json")));
            Assert.Equal("Fetching", (await client.HeadAsync(Bucket, "jobs/j1/job.json", Ct))!.Metadata["state"]);
        }

        Assert.False(Directory.Exists(meta));
        await using var second = await StartAsync();
        using var again = Client(second);
        Assert.Equal("hello", Encoding.UTF8.GetString(await ReadAsync(again, "jobs/j1/job.json")));
    }

    public void Dispose()
    {
        _cts.Dispose();
        _folder.Dispose();
    }

    private Task<LocalOssServer> StartAsync() => LocalOssServer.StartAsync(
        new LocalOssServerOptions { DataDirectory = Data, Buckets = [Bucket], Credentials = [new CloudCredentials("LTAIstore", "secret")] },
        Ct);

    private static OssClient Client(LocalOssServer server) => new(new OssClientOptions
    {
        Endpoint = server.Endpoint.ToString(),
        Region = server.Region,
        Credentials = new StaticCredentialsProvider(server.Credentials),
    });

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<byte[]> ReadAsync(OssClient client, string key)
    {
        await using var content = await client.GetAsync(Bucket, key, null, Ct);
        using var buffer = new MemoryStream();
        await content.Content.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }
}
