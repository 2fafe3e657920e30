import Foundation

/// Which files the commands that touch files (`save model`, `load model`, `save notebook`,
/// `export keras`, `run`, `data mnist from`) may use. The interpreter asks it for every path
/// before touching anything.
///
/// ``unrestricted`` (the default) lets every path through unchanged. ``inside(_:)`` is the
/// sandbox of a workspace — of `tutor check`'s answers, of `tutor lesson`, and of every lesson
/// however it is run: relative paths are resolved inside the folder; an absolute path, a `..`
/// that climbs out of it, or a symbolic link that leads out of it (or nowhere) is refused.
/// ``narrowed(to:)`` is the stricter of two policies, for a lesson run from a session that has
/// a policy of its own.
public struct PathPolicy: Sendable, Equatable {
    /// Where paths may lead.
    private enum Scope: Sendable, Equatable {
        case everywhere
        /// The folder (absolute, symbolic links resolved).
        case inside(String)
        /// No path at all: two folders apart, narrowed to each other.
        case nowhere
    }

    private let scope: Scope

    /// The folder every path must stay in (absolute, symbolic links resolved), or nil when
    /// paths are not kept to one folder (``unrestricted``, or a policy that refuses every path).
    public var root: String? {
        if case .inside(let root) = scope { return root }
        return nil
    }

    /// No restriction: paths are used as typed.
    public static let unrestricted = PathPolicy(scope: .everywhere)

    /// Only files inside `folder` (relative to the current folder when not absolute). The folder
    /// need not exist yet: the part of it that exists has its symbolic links resolved, so that
    /// the folder, once created, is the root.
    public static func inside(_ folder: String) -> PathPolicy {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        var existing = absolute, missing: [String] = []
        while !exists(existing), existing != "/" {
            let url = URL(fileURLWithPath: existing)
            missing.insert(url.lastPathComponent, at: 0)
            existing = url.deletingLastPathComponent().path
        }
        let real = realPath(existing) ?? existing
        let root = missing.isEmpty ? real : (real == "/" ? "" : real) + "/" + missing.joined(separator: "/")
        return PathPolicy(scope: .inside(root))
    }

    private init(scope: Scope) {
        self.scope = scope
    }

    /// The stricter of this policy and `other`: paths must satisfy both. Unrestricted gives way
    /// to any folder, a folder to one inside it; two folders apart leave no path at all.
    public func narrowed(to other: PathPolicy) -> PathPolicy {
        switch (scope, other.scope) {
        case (.everywhere, _): return other
        case (_, .everywhere): return self
        case (.inside(let mine), .inside(let theirs)):
            if Self.isInside(theirs, mine) { return other }
            if Self.isInside(mine, theirs) { return self }
            return PathPolicy(scope: .nowhere)
        default: return PathPolicy(scope: .nowhere)
        }
    }

    /// The path to use for `path` as typed, or why it may not be used. Messages name the path
    /// as `shown` (by default as typed).
    public func resolve(_ path: String, shown: String? = nil) throws(PathRefusal) -> String {
        let shown = shown ?? path
        let root: String
        switch scope {
        case .everywhere: return path
        case .nowhere:
            throw PathRefusal("`\(shown)` cannot be used here: the workspace is outside the folder this session may use")
        case .inside(let folder): root = folder
        }
        if path.hasPrefix("/") || path.hasPrefix("~") {
            throw PathRefusal("`\(shown)` is outside the workspace: only relative paths inside it can be used here")
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { throw PathRefusal("`\(shown)` leads outside the workspace (through `..`)") }
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
        guard let real = Self.realPath(prefix), Self.isInside(real, root) else {
            throw PathRefusal("`\(shown)` leads outside the workspace (through a symbolic link)")
        }
        return full
    }

    /// Whether the absolute path `path` is `folder` or inside it.
    private static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
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
public struct PathRefusal: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The same sentence, for callers that show `localizedDescription`.
    public var errorDescription: String? { message }
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
