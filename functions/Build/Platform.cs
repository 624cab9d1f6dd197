// The Build function runs on Linux only (FC custom runtime): process groups, setpriv, chown and Unix modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
