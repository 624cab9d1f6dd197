// The functions run on Linux (FC custom runtime); the tests exercise Unix file modes and processes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
