using System.Text;

namespace BayesSfh.IO;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the target's directory, which is flushed to disk and
/// then renamed over the target. A crash or an exception while writing leaves either the old file or none, never a
/// half-written file that looks complete.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> as UTF-8 (no byte-order mark) through <paramref name="write"/>.</summary>
    /// <param name="path">Target file; its directory is created when missing. An existing file is replaced.</param>
    /// <param name="write">Writes the content. If it throws, the temporary file is deleted and the target is untouched.</param>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="IOException">The file system refused (the temporary file is removed).</exception>
    public static void Write(string path, Action<TextWriter> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true))
                    write(writer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            try { File.Delete(temporary); }
            catch (IOException) { } // keep the original exception; a stray .tmp file is harmless
            throw;
        }
    }
}
