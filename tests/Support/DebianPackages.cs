using System.Diagnostics;

namespace PledgeBot.Tests.Support;

/// <summary>
/// The few Debian packages some tests need (Chromium, a TrueType font). On a fresh machine they
/// are installed when the tests run as root, as CI does; otherwise the test fails and says which
/// package to install. Nothing is skipped silently.
/// </summary>
public static class DebianPackages
{
    private static readonly Lock Gate = new();

    public static void Ensure(string file, string package)
    {
        lock (Gate)
        {
            if (File.Exists(file))
            {
                return;
            }

            if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
            {
                Run("apt-get", "update");
                Run("apt-get", "install", "-y", "--no-install-recommends", package);
            }

            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{file} is missing. Install Debian's package: sudo apt-get install -y {package}");
            }
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
    }
}
