using System.Runtime.InteropServices;

namespace Orchestrator.Functions.Build;

/// <summary>
/// The kernel's <c>struct statx</c> (256 bytes, the same layout on every architecture), read at the offsets of
/// the fields isolation needs: owner, mode, identity (device, inode, links) and allocated blocks.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    private const int TypeMask = 0xF000;
    private const int DirectoryType = 0x4000;
    private const int LinkType = 0xA000;

    [FieldOffset(16)]
    private readonly uint _links;

    [FieldOffset(20)]
    private readonly uint _uid;

    [FieldOffset(28)]
    private readonly ushort _mode;

    [FieldOffset(32)]
    private readonly ulong _inode;

    [FieldOffset(48)]
    private readonly ulong _blocks;

    [FieldOffset(136)]
    private readonly uint _deviceMajor;

    [FieldOffset(140)]
    private readonly uint _deviceMinor;

    public readonly int Uid => (int)_uid;

    /// <summary>The permission bits (with setuid/setgid/sticky), without the file type.</summary>
    public readonly int Permissions => _mode & 0xFFF;

    public readonly bool IsDirectory => (_mode & TypeMask) == DirectoryType;

    public readonly bool IsSymbolicLink => (_mode & TypeMask) == LinkType;

    /// <summary>Bytes the file really holds on disk (512-byte blocks, as <c>du</c> counts: sparse holes are free).</summary>
    public readonly long DiskBytes => (long)_blocks * 512;

    /// <summary>True for a file with more than one name: its blocks are counted once, by <see cref="Identity"/>.</summary>
    public readonly bool HasOtherNames => _links > 1 && !IsDirectory;

    public readonly (uint Major, uint Minor, ulong Inode) Identity => (_deviceMajor, _deviceMinor, _inode);
}
