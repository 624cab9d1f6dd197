using System.Buffers;

namespace Orchestrator.Storage.Oss;

public sealed partial class OssClient
{
    public async Task<PutResult> PutAsync(string bucket, string key, Stream content, PutOptions? options, CancellationToken cancellationToken)
    {
        options ??= new PutOptions();
        // Every body this sends can be replayed: a seekable stream rewinds to where it started, anything else goes from
        // part-sized buffers. So a retry resends the same bytes, and a one-shot stream is never retried blindly.
        if (content.CanSeek && content.Length - content.Position < _options.MultipartThreshold)
        {
            var start = content.Position;
            var length = content.Length - start;
            return await PutSingleAsync(bucket, key, () => new StreamBodyContent(content, start, length), options, cancellationToken);
        }

        // Unknown or large length: read one part; if the body ends inside it, one PUT is enough.
        var first = ArrayPool<byte>.Shared.Rent(_options.PartSize);
        int filled;
        try
        {
            filled = await FillAsync(content, first, _options.PartSize, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(first);
            throw;
        }

        if (filled < _options.PartSize)
        {
            try
            {
                return await PutSingleAsync(bucket, key, () => new ByteArrayContent(first, 0, filled), options, cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(first);
            }
        }

        return await PutMultipartAsync(bucket, key, content, first, options, cancellationToken);
    }

    private async Task<PutResult> PutSingleAsync(string bucket, string key, Func<HttpContent> body, PutOptions options, CancellationToken cancellationToken)
    {
        var request = new OssRequest(HttpMethod.Put, bucket, key) { Body = body };
        AddObjectHeaders(request, options.ContentType, options.CacheControl, options.Metadata);
        if (options.ForbidOverwrite)
        {
            request.Headers["x-oss-forbid-overwrite"] = "true";
        }

        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return new PutResult(response.Headers.ETag?.Tag ?? string.Empty, RequestIdOf(response));
    }

    /// <summary>Reads until <paramref name="count"/> bytes or the end of the stream; returns how many were read.</summary>
    private static async Task<int> FillAsync(Stream stream, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total, count - total), cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
