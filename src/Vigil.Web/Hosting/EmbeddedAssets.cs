using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Vigil.Web.Hosting;

/// <summary>
/// The pages, scripts, styles and vendored libraries, compiled into this assembly (see the csproj) and served
/// from a fixed table: a request path is only ever a key looked up in that table, never a file-system path,
/// so "..", encoded separators or absolute paths cannot reach a file.
/// </summary>
internal sealed class EmbeddedAssets : IFileProvider
{
    private const string Prefix = "wwwroot/";
    private readonly FrozenDictionary<string, Asset> _assets;

    public EmbeddedAssets(Assembly assembly, DateTimeOffset lastModified)
    {
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var name = resource.Replace('\\', '/');
            if (name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                assets["/" + name[Prefix.Length..]] = new Asset(assembly, resource, name[(name.LastIndexOf('/') + 1)..], lastModified);
            }
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The paths served (for tests and the start-up check).</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    public IFileInfo GetFileInfo(string subpath) =>
        _assets.TryGetValue(subpath, out var asset) ? asset : new NotFoundFileInfo(subpath);

    // Directory listings are never served.
    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class Asset(Assembly assembly, string resource, string name, DateTimeOffset lastModified) : IFileInfo
    {
        private readonly long _length = ReadLength(assembly, resource);

        public bool Exists => true;

        public long Length => _length;

        public string? PhysicalPath => null;

        public string Name => name;

        public DateTimeOffset LastModified => lastModified;

        public bool IsDirectory => false;

        public Stream CreateReadStream() => assembly.GetManifestResourceStream(resource)!;

        private static long ReadLength(Assembly assembly, string resource)
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            return stream.Length;
        }
    }
}
