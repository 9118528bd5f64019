/// The two path manipulations SignalIO needs, done on the string so that no Foundation is
/// required: splitting off the last component and reading its extension.
enum FilePath {
    /// The directory (`.` when the path has none, `/` at the root) and the last component.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// The lower-cased extension of the last component (`"wav"` for `a/B.WAV`), or `""` when
    /// it has none; a leading dot (`.hidden`) is not an extension.
    static func pathExtension(_ path: String) -> String {
        let name = split(path).name
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }
}
