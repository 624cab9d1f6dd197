namespace Orchestrator.Functions.Build;

/// <summary>A folder's entries for a walk over folders a build may be changing: one that vanished or is unreadable has none.</summary>
internal static class FolderEntries
{
    public static string[] Of(string folder)
    {
        try
        {
            return Directory.GetFileSystemEntries(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
