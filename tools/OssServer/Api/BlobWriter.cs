using System.Security.Cryptography;

namespace Orchestrator.Tools.OssServer.Api;

/// <summary>Reads request bodies: small ones into memory, others streamed into a new file while computing its MD5, refusing bodies over the size limit.</summary>
internal static class BlobWriter
{
    public static async Task<(long Size, byte[] Md5)> WriteAsync(Stream source, string path, long maxSize, CancellationToken cancellationToken)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        long size = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxSize)
                {
                    throw new OssErrorException(400, "EntityTooLarge", $"Your proposed upload exceeds the maximum allowed size of {maxSize} bytes.");
                }

                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return (size, md5.GetHashAndReset());
    }

    /// <summary>Reads a body of <paramref name="length"/> bytes (a small, declared one) into memory.</summary>
    public static async Task<byte[]> ReadSmallAsync(Stream source, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var read = await source.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken);
        if (read < length)
        {
            throw new OssErrorException(400, "IncompleteBody", $"The request body ended after {read} of the {length} bytes its Content-Length declared.");
        }

        return bytes;
    }

    public static string ETagOf(byte[] md5) => "\"" + Convert.ToHexString(md5) + "\"";
}
