using System.Text.Json;

namespace Orchestrator.Tools.OssServer.Disk;

/// <summary>
/// Data folders written before the <see cref="RecordLog"/> kept one <c>meta/&lt;sha256(key)&gt;.json</c> file per
/// object. Opening such a bucket moves those records into the log, then removes the folder, so no object of an
/// existing dev cloud is lost by the upgrade.
/// </summary>
internal static class LegacyRecords
{
    public static void MoveInto(string metaFolder, RecordLog log, Dictionary<string, ObjectRecord> records)
    {
        if (!Directory.Exists(metaFolder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(metaFolder, "*.json"))
        {
            var record = JsonSerializer.Deserialize(File.ReadAllBytes(file), ServerJsonContext.Default.ObjectRecord);

            // A key already in the log was moved by an earlier open that stopped before removing the folder.
            if (record is not null && !records.ContainsKey(record.Key))
            {
                log.Put(record);
                records[record.Key] = record;
            }
        }

        Directory.Delete(metaFolder, recursive: true);
    }
}
