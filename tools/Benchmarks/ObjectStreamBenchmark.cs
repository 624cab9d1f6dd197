using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Orchestrator.Storage.Oss;

namespace Orchestrator.Tools.Benchmarks;

/// <summary>
/// P2: a 1 GiB object streamed up (multipart, unknown length) and down through <see cref="OssClient"/> against the
/// local OSS server, in this process. Prints throughput and the process's peak RSS (target: under 150 MB), which
/// shows neither side buffers whole objects. <c>P2_SIZE_MB</c> changes the size.
/// </summary>
public sealed class ObjectStreamBenchmark : IBenchmark
{
    public string Id => "P2";

    public string Title => "1 GiB object streamed up and down through the OSS client (peak RSS)";

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(TextWriter log, CancellationToken cancellationToken)
    {
        var sizeMb = int.TryParse(Environment.GetEnvironmentVariable("P2_SIZE_MB"), NumberStyles.None, CultureInfo.InvariantCulture, out var mb) && mb > 0 ? mb : 1024;
        var size = sizeMb * 1024L * 1024;
        await using var store = await BenchStore.StartAsync("P2", "bench", cancellationToken);
        var server = store.Server;
        var client = store.Client;

        log.WriteLine($"   uploading {sizeMb} MiB to {server.Endpoint}bench/p2.bin");
        var up = Stopwatch.StartNew();
        await using (var source = new GeneratedStream(size))
        {
            await client.PutAsync("bench", "p2.bin", source, null, cancellationToken);
        }

        up.Stop();
        log.WriteLine($"   uploaded: peak RSS so far {PeakRssMb():0} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576} MB, heap {GC.GetTotalMemory(false) / 1048576} MB");
        log.WriteLine($"   downloading it back");
        var down = Stopwatch.StartNew();
        long received = 0;
        await using (var content = await client.GetAsync("bench", "p2.bin", null, cancellationToken))
        {
            var buffer = new byte[128 * 1024];
            int read;
            while ((read = await content.Content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received += read;
            }
        }

        down.Stop();
        if (received != size)
        {
            throw new InvalidOperationException($"P2 downloaded {received} bytes, expected {size}.");
        }

        return new Dictionary<string, double>
        {
            ["size_mib"] = sizeMb,
            ["upload_mib_per_s"] = sizeMb / up.Elapsed.TotalSeconds,
            ["download_mib_per_s"] = sizeMb / down.Elapsed.TotalSeconds,
            ["peak_rss_mb"] = PeakRssMb(),
            ["peak_rss_target_mb"] = 150,
        };
    }

    /// <summary>VmHWM from /proc/self/status (Linux); the working-set peak elsewhere.</summary>
    private static double PeakRssMb()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
    }

    /// <summary>A non-seekable body of a given length, generated on the fly (nothing held in memory but one block).</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        private readonly byte[] _block = RandomNumberGenerator.GetBytes(1024 * 1024 + 7);
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            var written = 0;
            while (written < n)
            {
                var at = (int)((_position + written) % _block.Length);
                var chunk = Math.Min(n - written, _block.Length - at);
                Array.Copy(_block, at, buffer, offset + written, chunk);
                written += chunk;
            }

            _position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
