namespace Orchestrator.Functions.Build;

/// <summary>
/// An exclusive claim on a slot (a uid, or one unisolated build) shared by every process on the machine: a lock
/// file opened with <see cref="FileShare.None"/>, which .NET takes as <c>flock(LOCK_EX | LOCK_NB)</c>. The kernel
/// drops the lock when the holder exits, so a crashed instance never keeps a slot.
/// </summary>
internal sealed class SlotLock : IDisposable
{
    private readonly FileStream _file;
    private readonly bool _deleteOnRelease;

    private SlotLock(FileStream file, bool deleteOnRelease)
    {
        _file = file;
        _deleteOnRelease = deleteOnRelease;
    }

    /// <summary>The claim, or null when another build holds the slot.</summary>
    /// <param name="folder">A <see cref="TrustedFolder"/>: no build can plant a link where the lock file goes.</param>
    /// <param name="slot">The slot's name (<see cref="ChildIdentity.Slot"/>), the lock file's too.</param>
    /// <param name="deleteOnRelease">For one-build slots: the file goes with the claim (a uid's file stays for the next claim).</param>
    public static SlotLock? TryTake(string folder, string slot, bool deleteOnRelease)
    {
        try
        {
            var file = new FileStream(Path.Combine(folder, slot + ".lock"), new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            return new SlotLock(file, deleteOnRelease);
        }
        catch (IOException)
        {
            // EWOULDBLOCK: held by a running build, in this process or another.
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            // Deleted while still held, so no one can take a lock on a file that is about to go.
            if (_deleteOnRelease)
            {
                File.Delete(_file.Name);
            }
        }
        finally
        {
            _file.Dispose();
        }
    }
}
