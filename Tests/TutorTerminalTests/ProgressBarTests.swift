import Testing
@testable import TutorLanguage
@testable import TutorTerminal

/// Golden tests for the Keras 3 progress line (see `ProgressBar` for the Keras facts).
@Suite struct ProgressBarTests {
    let metrics: [(String, Double)] = [("accuracy", 0.9027), ("loss", 0.3541)]

    @Test func finishedFastEpochShowsOneDecimal() {
        let line = ProgressBar.line(
            step: 1875, steps: 1875, elapsedSeconds: 0.4, metrics: metrics, finished: true, color: false)
        #expect(line == "1875/1875 ━━━━━━━━━━━━━━━━━━━━ 0.4s 213us/step - accuracy: 0.9027 - loss: 0.3541")
    }

    @Test func finishedSlowEpochShowsWholeSecondsAsKeras() {
        let line = ProgressBar.line(
            step: 782, steps: 782, elapsedSeconds: 17.6, metrics: metrics, finished: true, color: false)
        #expect(line == "782/782 ━━━━━━━━━━━━━━━━━━━━ 18s 23ms/step - accuracy: 0.9027 - loss: 0.3541")
    }

    @Test func runningLineShowsTimeLeftAndPaddedCounter() {
        let line = ProgressBar.line(
            step: 32, steps: 1875, elapsedSeconds: 0.5, metrics: [("loss", 1.2), ("accuracy", 0.5)],
            finished: false, color: false)
        #expect(line == "  32/1875 ──────────────────── 28s 16ms/step - accuracy: 0.5000 - loss: 1.2000")
    }

    @Test func halfwayFillsHalfTheBar() {
        let line = ProgressBar.line(
            step: 938, steps: 1875, elapsedSeconds: 2, metrics: [], finished: false, color: false)
        #expect(line == " 938/1875 ━━━━━━━━━━────────── 1s 2ms/step")
    }

    @Test func validationMetricsComeLast() {
        let line = ProgressBar.line(
            step: 10, steps: 10, elapsedSeconds: 0.05,
            metrics: [("val_loss", 0.309), ("loss", 0.7787), ("val_accuracy", 0.8816), ("accuracy", 0.6837)],
            finished: true, color: false)
        #expect(line == """
            10/10 ━━━━━━━━━━━━━━━━━━━━ 0.1s 5ms/step - accuracy: 0.6837 - loss: 0.7787 \
            - val_accuracy: 0.8816 - val_loss: 0.3090
            """)
    }

    @Test func colorUsesKerasEscapes() {
        let finished = ProgressBar.line(
            step: 1875, steps: 1875, elapsedSeconds: 0.4, metrics: metrics, finished: true, color: true)
        #expect(finished == """
            \u{1B}[1m1875/1875\u{1B}[0m \u{1B}[32m━━━━━━━━━━━━━━━━━━━━\u{1B}[0m\u{1B}[37m\u{1B}[0m \
            \u{1B}[1m0.4s\u{1B}[0m 213us/step - accuracy: 0.9027 - loss: 0.3541
            """)
        let starting = ProgressBar.line(
            step: 1, steps: 1875, elapsedSeconds: 0.01, metrics: [], finished: false, color: true)
        #expect(starting == """
            \u{1B}[1m   1/1875\u{1B}[0m \u{1B}[37m━━━━━━━━━━━━━━━━━━━━\u{1B}[0m \u{1B}[1m18s\u{1B}[0m 10ms/step
            """)
    }

    @Test func unknownTotal() {
        let line = ProgressBar.line(step: 5, steps: 0, elapsedSeconds: 1, metrics: [], finished: false, color: false)
        #expect(line == "      5/Unknown 1.0s 200ms/step")
    }

    @Test func zeroStepsDoneAndNegativeTime() {
        let line = ProgressBar.line(
            step: 0, steps: 100, elapsedSeconds: -3, metrics: [], finished: false, color: false)
        #expect(line == "  0/100 ──────────────────── 0s 0s/step")
    }

    @Test func stepsBeyondTheTotalKeepTheBarFull() {
        let line = ProgressBar.line(step: 12, steps: 10, elapsedSeconds: 1.2, metrics: [], finished: true, color: false)
        #expect(line == "12/10 ━━━━━━━━━━━━━━━━━━━━ 1.2s 100ms/step")
    }

    @Test(arguments: [
        (0.9027, "0.9027"), (12.5, "12.5000"), (-0.25, "-0.2500"), (0.0005, "5.0000e-04"),
        (0.001, "1.0000e-03"), (0.0, "0.0000e+00"), (-0.0001, "-1.0000e-04"),
    ])
    func metricValuesAsKeras(value: Double, expected: String) {
        #expect(ProgressBar.metricValue(value) == expected)
    }

    @Test(arguments: [
        (0.0, "0s"), (28.8, "28s"), (60.0, "60s"), (65.4, "1:05"), (3600.0, "60:00"), (3725.0, "1:02:05"),
    ])
    func timeLeftAsKeras(seconds: Double, expected: String) {
        #expect(ProgressBar.eta(seconds) == expected)
    }

    @Test(arguments: [
        (0.0, "0s/step"), (1.5, "2s/step"), (0.0016, "2ms/step"), (0.001, "1ms/step"), (0.0005, "500us/step"),
    ])
    func timePerStepAsKeras(seconds: Double, expected: String) {
        #expect(ProgressBar.timePerStep(seconds) == expected)
    }

    @Test(arguments: [(0.0, "0.0s"), (0.44, "0.4s"), (9.94, "9.9s"), (9.96, "10s"), (12.5, "12s"), (73.0, "73s")])
    func elapsedTime(seconds: Double, expected: String) {
        #expect(ProgressBar.elapsedTime(seconds) == expected)
    }

    @Test func epochHeader() {
        #expect(ProgressBar.epochHeader(epoch: 1, epochs: 3) == "Epoch 1/3")
    }
}

/// A line redrawn in place must fit the terminal: metrics are left off the end until it does
/// (the counter, bar and times always stay).
@Test func aRunningLineFitsANarrowTerminal() {
    let renderer = OutputRenderer(terminal: Terminal(isTTY: true, width: 60, colorEnabled: false))
    let progress = EpochProgress(
        epoch: 1, epochs: 3, step: 937, steps: 1875, seconds: 0.2, loss: 0.3541, accuracy: 0.9027)
    let whole = " 937/1875 ━━━━━━━━━─────────── 0s 213us/step - accuracy: 0.9027 - loss: 0.3541"
    #expect(renderer.progressLine(progress, finished: false) == whole)
    #expect(renderer.progressLine(progress, finished: false, fitting: 80) == whole)
    #expect(renderer.progressLine(progress, finished: false, fitting: 64)
        == " 937/1875 ━━━━━━━━━─────────── 0s 213us/step - accuracy: 0.9027")
    #expect(renderer.progressLine(progress, finished: false, fitting: 60)
        == " 937/1875 ━━━━━━━━━─────────── 0s 213us/step")
    #expect(renderer.progressLine(progress, finished: false, fitting: 20)
        == " 937/1875 ━━━━━━━━━─────────── 0s 213us/step")
}
