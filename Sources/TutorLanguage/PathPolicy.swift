import Foundation

/// Which files the commands that touch files (`save model`, `load model`, `save notebook`,
/// `export keras`, `run`, `data mnist from`) may use. The interpreter asks it for every path
/// before touching anything.
///
/// ``unrestricted`` (the default) lets every path through unchanged. ``inside(_:)`` is the
/// sandbox of `tutor check`: relative paths are resolved inside the folder; an absolute path, a
/// `..` that climbs out of it, or a symbolic link that leads out of it is refused.
public struct PathPolicy: Sendable, Equatable {
    /// The folder every path must stay in (absolute, symbolic links resolved), or nil for no restriction.
    public let root: String?

    /// No restriction: paths are used as typed.
    public static let unrestricted = PathPolicy(root: nil)

    /// Only files inside `folder` (relative to the current folder when not absolute).
    public static func inside(_ folder: String) -> PathPolicy {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        return PathPolicy(root: realPath(absolute) ?? absolute)
    }

    private init(root: String?) {
        self.root = root
    }

    /// The path to use for `path` as typed, or why it may not be used.
    public func resolve(_ path: String) throws(PathRefusal) -> String {
        guard let root else { return path }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            throw PathRefusal("`\(path)` is outside the workspace: only relative paths inside it can be used here")
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { throw PathRefusal("`\(path)` leads outside the workspace (through `..`)") }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let full = ([root] + parts.map(String.init)).joined(separator: "/")
        // The deepest part that exists (a symbolic link counts even when it leads nowhere) must
        // resolve to a place inside the root; what follows it does not exist yet, so holds no links.
        var existing = parts.count
        while existing > 0, !Self.exists(([root] + parts.prefix(existing).map(String.init)).joined(separator: "/")) {
            existing -= 1
        }
        guard existing > 0 else { return full }
        let prefix = ([root] + parts.prefix(existing).map(String.init)).joined(separator: "/")
        guard let real = Self.realPath(prefix), real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw PathRefusal("`\(path)` leads outside the workspace (through a symbolic link)")
        }
        return full
    }

    /// Whether something (even a dangling symbolic link) is at `path`.
    private static func exists(_ path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)) != nil
    }

    /// `path` with every symbolic link resolved, or nil when it cannot be (e.g. a dangling link).
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a ``PathPolicy`` refused a path: a sentence such as "`/etc/passwd` is outside the workspace: …".
public struct PathRefusal: Error, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}

extension Interpreter {
    /// The path a file command of `s` should use for `path`, or a diagnostic at the path (the
    /// statement's last token) when ``pathPolicy`` refuses it.
    func allowedPath(_ s: Statement, _ path: String) throws(Diagnostic) -> String {
        do {
            return try pathPolicy.resolve(path)
        } catch {
            throw s.diagnostic(error.message, at: s.tokens.count - 1)
        }
    }
}
