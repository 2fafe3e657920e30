/// The most tutor reads of each kind of input, in one place with the README's "Limits" section
/// (beside the two limits kept by the formats they belong to: a model file, `ModelFile.maximumBytes`,
/// and a data file, `GzipFile.maximumBytes`). Anything larger is refused with its size and the
/// limit before it is read or parsed, so no input can make tutor run out of memory.
public enum FileLimits {
    /// One line of commands: typed at the prompt, piped in, or a line of a script, lesson or
    /// answer file — 64 KiB, far more than any command needs. A longer line is refused whole.
    public static let lineBytes = 64 << 10

    /// A script (`run FILE`, `tutor run FILE`), a lesson file or an answer file: 4 MiB.
    public static let textFileBytes = 4 << 20

    /// The lessons' progress file, `progress.json`: 1 MiB (a course's progress takes a few KB).
    public static let progressBytes = 1 << 20

    /// How much of the history file is read at start: its newest 1 MiB (the file holds the
    /// newest 1,000 lines; a file grown larger by other means is read from its end).
    public static let historyTailBytes = 1 << 20
}
