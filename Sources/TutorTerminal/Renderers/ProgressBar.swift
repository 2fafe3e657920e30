// The Keras 3 progress line printed by `model.fit(verbose=1)`.

import TextFormat

/// The progress line Keras 3 prints during `fit`, reproduced character for character:
///
///     Epoch 1/3
///     1875/1875 ━━━━━━━━━━━━━━━━━━━━ 3s 1ms/step - accuracy: 0.9027 - loss: 0.3541
///
/// What follows Keras 3's `keras.utils.Progbar` (verbose=1):
/// - the step counter is right-aligned to the width of the total (`  32/1875`), bold on colour;
/// - the bar is 20 cells of `━`: done cells green, pending cells white (ANSI 32 / 37);
///   there is no partial cell;
/// - while running, the estimated time left follows (`3s`, `1:05`, `1:01:05`, no "ETA:"
///   prefix, truncated to whole seconds); when finished, the elapsed time of the epoch;
/// - then the time per step in `s`, `ms` or `us`, rounded to an integer;
/// - then ` - name: value` per metric, with 4 decimals, or `.4e` when |value| ≤ 0.001;
///   names sorted as Keras sorts its logs (training metrics first, then `val_` ones).
///
/// Two deliberate deviations: when finished in under 10 s the elapsed time has one decimal
/// (`0.4s`, our epochs are fast) where Keras prints whole seconds; and without colour the
/// pending cells are drawn `─` so that progress stays visible (Keras draws both kinds `━`
/// and tells them apart by colour only). The time per step is the elapsed time divided by
/// the steps done, where Keras leaves the (slow) first step out of its estimate.
/// Metric values are assumed finite; NaN and infinity print as `nan` and `inf`.
///
/// On a terminal, redraw the line in place by writing `ANSIStyle.eraseLine` before each
/// update (Keras pads with spaces instead) and a line break after the finished one; on a
/// pipe, write only the finished line.
public enum ProgressBar {
    /// Cells in the bar (Keras' `Progbar(width=20)`).
    public static let width = 20

    /// The heading Keras prints before each epoch's progress line (`Epoch 1/3`).
    /// Keras prints it only when fitting more than one epoch; the caller decides.
    public static func epochHeader(epoch: Int, epochs: Int) -> String {
        "Epoch \(epoch)/\(epochs)"
    }

    /// One progress line, without line break or carriage return.
    ///
    /// - Parameters:
    ///   - step: steps (batches) done so far in this epoch.
    ///   - steps: steps in the epoch; 0 or less when unknown (Keras then prints `N/Unknown`).
    ///   - elapsedSeconds: time since the epoch started.
    ///   - metrics: the running averages to show, e.g. `[("accuracy", 0.9), ("loss", 0.35)]`.
    ///   - finished: the epoch is over: show the elapsed time instead of the time left.
    ///   - color: emit Keras' ANSI styles (bold counter and times, green and white bar).
    public static func line(
        step: Int,
        steps: Int,
        elapsedSeconds: Double,
        metrics: [(String, Double)],
        finished: Bool,
        color: Bool
    ) -> String {
        parts(step: step, steps: steps, elapsedSeconds: elapsedSeconds, metrics: metrics, finished: finished, color: color)
            .map(\.text).joined(separator: " - ")
    }

    /// The widest time and time per step an epoch shows (`999s 999ms/step`): a line is laid out
    /// as if its time took this many columns, so that it breaks in the same place however long
    /// the epoch took.
    static let timeColumns = 15

    /// ``line(step:steps:elapsedSeconds:metrics:finished:color:)`` laid out to `width` columns:
    /// broken only between its ` - ` parts, never inside a metric (`accuracy: 0.5330` stays
    /// whole), each later line starting with `  - `.
    public static func lines(
        step: Int,
        steps: Int,
        elapsedSeconds: Double,
        metrics: [(String, Double)],
        finished: Bool,
        color: Bool,
        width: Int
    ) -> [String] {
        let parts = parts(step: step, steps: steps, elapsedSeconds: elapsedSeconds, metrics: metrics, finished: finished, color: color)
        return TextColumns.join(parts, separator: " - ", width: width, continuation: "  - ")
    }

    /// The counter, bar and times, then one `name: value` per metric, each with the columns it
    /// is laid out in (the times counted at ``timeColumns``).
    private static func parts(
        step: Int,
        steps: Int,
        elapsedSeconds: Double,
        metrics: [(String, Double)],
        finished: Bool,
        color: Bool
    ) -> [(text: String, width: Int)] {
        let style = ANSIStyle(color: color)
        let step = max(0, step)
        let elapsed = elapsedSeconds.isFinite ? max(0, elapsedSeconds) : 0
        let secondsPerStep = step > 0 ? elapsed / Double(step) : 0

        var text: String
        if steps > 0 {
            let counter = TextColumns.padLeft(String(step), String(steps).count) + "/\(steps)"
            text = style.bold(counter) + " " + bar(step: step, steps: steps, color: color)
        } else {
            text = TextColumns.padLeft(String(step), 7) + "/Unknown"
        }
        let time: String
        if steps > 0 && !finished {
            time = eta(secondsPerStep * Double(max(0, steps - step)))
        } else {
            time = elapsedTime(elapsed)
        }
        let times = time + " " + timePerStep(secondsPerStep)
        let head = TextColumns.width(text) + 1 + max(timeColumns, TextColumns.width(times))
        text += " " + style.bold(time)
        text += " " + timePerStep(secondsPerStep)
        return [(text, head)] + ordered(metrics).map { name, value in
            let metric = "\(name): \(metricValue(value))"
            return (metric, TextColumns.width(metric))
        }
    }

    /// The 20-cell bar. With colour exactly Keras' sequence: the done cells in green (only
    /// when there are some), then the pending cells in white, each run followed by a reset.
    static func bar(step: Int, steps: Int, color: Bool) -> String {
        let done = min(width, max(0, Int(Double(width) * Double(step) / Double(steps))))
        let filled = String(repeating: "━", count: done)
        if color {
            var text = done > 0 ? "\u{1B}[32m\(filled)\u{1B}[0m" : ""
            text += "\u{1B}[37m\(String(repeating: "━", count: width - done))\u{1B}[0m"
            return text
        }
        return filled + String(repeating: "─", count: width - done)
    }

    /// Time left, as Keras: `%ds` under a minute, `m:ss` under an hour, then `h:mm:ss`.
    static func eta(_ seconds: Double) -> String {
        let whole = seconds.isFinite ? Int(max(0, seconds)) : 0
        if seconds > 3600 {
            return "\(whole / 3600):\(twoDigits((whole % 3600) / 60)):\(twoDigits(whole % 60))"
        } else if seconds > 60 {
            return "\(whole / 60):\(twoDigits(whole % 60))"
        }
        return "\(whole)s"
    }

    /// Elapsed time of a finished epoch: one decimal under 10 s (our deviation), whole
    /// seconds from there on (Keras' `.0f`).
    static func elapsedTime(_ seconds: Double) -> String {
        if seconds < 9.95 { return NumberText.fixed(seconds, 1) + "s" }
        return NumberText.fixed(seconds, 0) + "s"
    }

    /// Keras' `_format_time`: `Ns/step` from one second (or exactly zero), else `ms`, else `us`.
    static func timePerStep(_ seconds: Double) -> String {
        if seconds >= 1 || seconds == 0 {
            return NumberText.fixed(seconds, 0) + "s/step"
        } else if seconds >= 1e-3 {
            return NumberText.fixed(seconds * 1_000, 0) + "ms/step"
        }
        return NumberText.fixed(seconds * 1_000_000, 0) + "us/step"
    }

    /// A metric value as Keras prints it: `.4f`, or `.4e` when |value| ≤ 1e-3.
    static func metricValue(_ value: Double) -> String {
        abs(value) > 1e-3 ? NumberText.fixed(value, 4) : NumberText.scientific(value, 4)
    }

    /// Keras sorts each log dictionary by name, and the validation metrics arrive in a
    /// later one: training metrics sorted, then `val_` metrics sorted.
    static func ordered(_ metrics: [(String, Double)]) -> [(String, Double)] {
        let training = metrics.filter { !$0.0.hasPrefix("val_") }.sorted { $0.0 < $1.0 }
        let validation = metrics.filter { $0.0.hasPrefix("val_") }.sorted { $0.0 < $1.0 }
        return training + validation
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
