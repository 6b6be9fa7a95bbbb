using BayesSfh.IO;

namespace BayesSfh.Isochrones;

/// <summary>Loads every isochrone from a list of files and folders.</summary>
public static class IsochroneLoader
{
    /// <summary>
    /// Reads each path in order: a file is read with <see cref="IsochroneReader.Read"/>; a folder contributes every file
    /// directly inside it (not sub-folders), in ordinal name order, except hidden files (name starting with '.') and
    /// <c>README*</c> / <c>*.md</c> notes. Each file's layout is detected separately unless
    /// <see cref="IsochroneReadOptions.Format"/> forces one, so one call may mix MIST, PARSEC and BaSTI files.
    /// </summary>
    /// <returns>All isochrones, file by file in the order above, each file's in file order.</returns>
    /// <exception cref="ArgumentException">No paths were given.</exception>
    /// <exception cref="InputException">A path does not exist, a folder holds no files, or a file is malformed.</exception>
    public static IReadOnlyList<Isochrone> Load(IEnumerable<string> paths, IsochroneReadOptions? options = null)
    {
        var files = ListFiles(paths);
        var isochrones = new List<Isochrone>();
        foreach (string file in files) isochrones.AddRange(IsochroneReader.Read(file, options));
        return isochrones;
    }

    /// <summary>The files <see cref="Load"/> would read, in order.</summary>
    /// <exception cref="ArgumentException">No paths were given.</exception>
    /// <exception cref="InputException">A path does not exist or a folder holds no files.</exception>
    public static IReadOnlyList<string> ListFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var list = paths.ToList();
        if (list.Count == 0) throw new ArgumentException("Give at least one isochrone file or folder.", nameof(paths));
        var files = new List<string>();
        foreach (string path in list)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                var inside = Directory.EnumerateFiles(path)
                    .Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith("README", StringComparison.OrdinalIgnoreCase)
                        && !name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (inside.Count == 0) throw new InputException(path, null, null, "the folder holds no isochrone files");
                files.AddRange(inside);
            }
            else
            {
                throw new InputException(path, null, null, "no such file or folder");
            }
        }
        return files;
    }
}
