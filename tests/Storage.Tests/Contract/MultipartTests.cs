using System.IO.Pipelines;
using System.Security.Cryptography;
using Orchestrator.Storage.Oss;
using Orchestrator.TestSupport;

namespace Orchestrator.Storage.Tests.Contract;

/// <summary>Large and unknown-length bodies go up as parallel multipart uploads; failures abort them.</summary>
public class MultipartTests(LocalOssFixture fixture) : IClassFixture<LocalOssFixture>
{
    private readonly LocalOss _oss = fixture.Oss;

    private OssClient SmallParts(int attempts = 3) => _oss.CreateClient(o => new OssClientOptions
    {
        Endpoint = o.Endpoint,
        Region = o.Region,
        Credentials = o.Credentials,
        MultipartThreshold = 300 * 1024,
        PartSize = 128 * 1024,
        PartParallelism = 3,
        MaxAttempts = attempts,
        Delay = (_, _) => Task.CompletedTask,
    });

    [Fact]
    public async Task PutAsync_LargeSeekableBody_UploadsInPartsWithMultipartETag()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var body = RandomBytes(1_000_000);
        var result = await SmallParts().PutAsync(_oss.Bucket, "mp/large.bin", new MemoryStream(body), new PutOptions { ContentType = "application/zip", Metadata = new Dictionary<string, string> { ["sha256"] = "x" } }, cts.Token);

        // 1,000,000 bytes in 128 KiB parts = 8 parts; ETag = MD5 of the parts' MD5s + "-8".
        var partMd5s = body.Chunk(128 * 1024).SelectMany(MD5.HashData).ToArray();
        Assert.Equal("\"" + Convert.ToHexString(MD5.HashData(partMd5s)) + "-8\"", result.ETag);
        await using var content = await _oss.Store.GetAsync(_oss.Bucket, "mp/large.bin", null, cts.Token);
        using var copy = new MemoryStream();
        await content.Content.CopyToAsync(copy, cts.Token);
        Assert.Equal(body, copy.ToArray());
        Assert.Equal("application/zip", content.Metadata.ContentType);
        Assert.Equal("x", content.Metadata.Metadata["sha256"]);
    }

    [Fact]
    public async Task PutAsync_UnknownLengthBody_StreamsWithoutKnowingTheLength()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var body = RandomBytes(700_000);
        await using var stream = Unseekable(body);
        await SmallParts().PutAsync(_oss.Bucket, "mp/unknown.bin", stream, null, cts.Token);
        var head = await _oss.Store.HeadAsync(_oss.Bucket, "mp/unknown.bin", cts.Token);
        Assert.Equal(700_000, head!.ContentLength);
        Assert.EndsWith("-6\"", head.ETag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_SmallUnknownLengthBody_UsesOnePut()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var body = RandomBytes(1000);
        await using var stream = Unseekable(body);
        var result = await SmallParts().PutAsync(_oss.Bucket, "mp/small.bin", stream, null, cts.Token);
        Assert.Equal("\"" + Convert.ToHexString(MD5.HashData(body)) + "\"", result.ETag);
    }

    [Fact]
    public async Task PutAsync_PartFailsBeyondRetries_AbortsAndLeavesNoObject()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var client = SmallParts(attempts: 1);
        var armed = 0;
        await using var stream = Unseekable(RandomBytes(700_000), total =>
        {
            if (total > 300_000 && Interlocked.Exchange(ref armed, 1) == 0)
            {
                _oss.Server.Faults.FailNext(1);
            }
        });
        try
        {
            await Assert.ThrowsAnyAsync<ObjectStoreException>(() => client.PutAsync(_oss.Bucket, "mp/failed.bin", stream, null, cts.Token));
        }
        finally
        {
            _oss.Server.Faults.Reset();
        }

        Assert.Null(await _oss.Store.HeadAsync(_oss.Bucket, "mp/failed.bin", cts.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_oss.Server.DataDirectory, _oss.Bucket, "uploads")));
    }

    [Fact]
    public async Task PutAsync_MultipartWithForbidOverwriteOnExistingKey_ThrowsAlreadyExists()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _oss.Store.PutAsync(_oss.Bucket, "mp/exists.bin", new MemoryStream([1]), null, cts.Token);
        await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() =>
            SmallParts().PutAsync(_oss.Bucket, "mp/exists.bin", new MemoryStream(RandomBytes(500_000)), new PutOptions { ForbidOverwrite = true }, cts.Token));
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    /// <summary>
    /// A body of unknown length, like a network stream (no Length, no Seek), fed through a pipe in 64 KiB writes;
    /// <paramref name="written"/> sees the running total. Disposing the stream stops the feeder.
    /// </summary>
    private static Stream Unseekable(byte[] data, Action<int>? written = null)
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            for (var offset = 0; offset < data.Length; offset += 64 * 1024)
            {
                var count = Math.Min(64 * 1024, data.Length - offset);
                written?.Invoke(offset + count);
                if ((await pipe.Writer.WriteAsync(data.AsMemory(offset, count))).IsCompleted)
                {
                    break;
                }
            }

            await pipe.Writer.CompleteAsync();
        });
        return pipe.Reader.AsStream();
    }
}
