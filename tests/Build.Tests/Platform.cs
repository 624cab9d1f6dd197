// The Build stage and these tests use Unix processes, modes and /proc.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
