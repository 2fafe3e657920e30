@testable import NeuralNet
import TextFormat
import Testing
import TutorLanguage
@testable import TutorTerminal

/// `runs` as a table at 80 columns, run by run at 60, and as Markdown in a notebook.
@Suite struct RunsTableTests {
    static let layers = ["flatten", "dense 32 relu", "dense 10 softmax"]

    static func epoch(_ loss: Double, _ accuracy: Double, validation: (Double, Double)? = nil) -> EpochRecord {
        EpochRecord(epoch: 1, loss: loss, accuracy: accuracy, validationLoss: validation?.0, validationAccuracy: validation?.1, seconds: 0.5)
    }

    static let runs = [
        RunRecord(
            layers: layers, optimizer: .adam(), loss: .crossentropy, batchSize: 32, trainingExamples: 1_000,
            validationSplit: nil, epochs: 2, totalEpochs: 2, final: epoch(1.1759, 0.743), ending: .finished,
            test: Evaluation(loss: 1.0987, accuracy: 0.7)),
        RunRecord(
            layers: layers, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), loss: .crossentropy, batchSize: 32,
            trainingExamples: 1_000, validationSplit: 0.2, epochs: 1, totalEpochs: 3,
            final: epoch(0.7366, 0.8, validation: (0.8174, 0.725)), ending: .stopped(epoch: 2, step: 12, steps: 25)),
        RunRecord(
            layers: ["flatten", "dense 10 linear"], optimizer: .sgd(learningRate: 0.5, momentum: 0), loss: .mse, batchSize: 64,
            trainingExamples: 60_000, validationSplit: nil, epochs: 2, totalEpochs: 3, final: epoch(2.1585e25, 0.111),
            ending: .diverged(epoch: 3)),
    ]

    @Test func aTableAtEightyColumns() {
        #expect(RunsTable.render(Self.runs, width: 80, color: false) == """
            Runs of this session, oldest first:
             #  layers                      optimizer     loss function  batch      examples
             1  flatten, dense 32 relu,     adam 0.001    crossentropy      32         1,000
                dense 10 softmax
             2  flatten, dense 32 relu,     sgd 0.1       crossentropy      32         1,000
                dense 10 softmax            momentum 0.9                        validate 0.2
             3  flatten, dense 10 linear    sgd 0.5       mse               64        60,000

             #  epochs  in all        loss  accuracy  val_loss  val_acc  test_loss  test_acc
             1       2       2      1.1759    0.7430         —        —     1.0987    0.7000
             2      1*       3      0.7366    0.8000    0.8174   0.7250          —         —
             3      2*       3  2.1585e+25    0.1110         —        —          —         —
            * 2: stopped by Ctrl-C in epoch 2, after 12 of 25 batches
            * 3: diverged in epoch 3, which was undone
            """)
    }

    @Test func runByRunAtSixtyColumns() {
        #expect(RunsTable.render(Self.runs, width: 60, color: false) == """
            Runs of this session, oldest first:
            Run 1: flatten, dense 32 relu, dense 10 softmax
              adam 0.001, crossentropy, batch 32, 1,000 examples
              2 epochs: loss 1.1759, accuracy 0.7430
              test: loss 1.0987, accuracy 0.7000
            Run 2: flatten, dense 32 relu, dense 10 softmax
              sgd 0.1, momentum 0.9, crossentropy, batch 32, 1,000
                examples, validate 0.2
              1 epoch (3 in all): loss 0.7366, accuracy 0.8000, val_loss
                0.8174, val_acc 0.7250
              stopped by Ctrl-C in epoch 2, after 12 of 25 batches
            Run 3: flatten, dense 10 linear
              sgd 0.5, mse, batch 64, 60,000 examples
              2 epochs (3 in all): loss 2.1585e+25, accuracy 0.1110
              diverged in epoch 3, which was undone
            """)
    }

    @Test(arguments: [60, 72, 80, 100, 140])
    func everyLineFitsTheWidth(_ width: Int) {
        for line in RunsTable.render(Self.runs, width: width, color: false).split(separator: "\n") {
            #expect(TextColumns.width(String(line)) <= width, "\(width): \(line)")
        }
    }

    /// On colour, a setting that differs from the row above is bold; the results are not marked.
    @Test func aChangedSettingIsBold() {
        let text = RunsTable.render(Array(Self.runs.prefix(2)), width: 80, color: true)
        #expect(text == """
            Runs of this session, oldest first:
             #  layers                      optimizer     loss function  batch      examples
             1  flatten, dense 32 relu,     adam 0.001    crossentropy      32         1,000
                dense 10 softmax
             2  flatten, dense 32 relu,     \u{1B}[1msgd 0.1\u{1B}[0m       crossentropy      32         1,000
                dense 10 softmax            \u{1B}[1mmomentum 0.9\u{1B}[0m                        \u{1B}[1mvalidate 0.2\u{1B}[0m

             #  epochs  in all    loss  accuracy  val_loss  val_acc  test_loss  test_acc
             1       2       2  1.1759    0.7430         —        —     1.0987    0.7000
             2      1*       3  0.7366    0.8000    0.8174   0.7250          —         —
            * 2: stopped by Ctrl-C in epoch 2, after 12 of 25 batches
            """)
    }

    @Test func noRunsYet() {
        #expect(RunsTable.render([], width: 80, color: false) == "No runs yet: each `fit` that trains at least one epoch adds a row here, e.g.\n`fit 3`.")
        #expect(RunsTable.markdown([]) == RunsTable.noRuns)
    }

    @Test func markdownForNotebooks() {
        #expect(RunsTable.markdown(Self.runs) == """
            | # | layers | optimizer | loss function | batch | examples | epochs | in all | loss | accuracy | val_loss | val_acc | test_loss | test_acc |
            |---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | 1 | flatten, dense 32 relu, dense 10 softmax | adam 0.001 | crossentropy | 32 | 1,000 | 2 | 2 | 1.1759 | 0.7430 | — | — | 1.0987 | 0.7000 |
            | 2 | flatten, dense 32 relu, dense 10 softmax | sgd 0.1, momentum 0.9 | crossentropy | 32 | 1,000, validate 0.2 | 1* | 3 | 0.7366 | 0.8000 | 0.8174 | 0.7250 | — | — |
            | 3 | flatten, dense 10 linear | sgd 0.5 | mse | 64 | 60,000 | 2* | 3 | 2.1585e+25 | 0.1110 | — | — | — | — |

            \\* 2: stopped by Ctrl-C in epoch 2, after 12 of 25 batches

            \\* 3: diverged in epoch 3, which was undone
            """)
    }

    @Test func aNotebookKeepsTheMarkdownTable() {
        var notebook = Notebook()
        notebook.begin("runs")
        notebook.record(.runs(Self.runs))
        #expect(notebook.markdown() == """
            # tutor notebook

            ```tutor
            [1]> runs
            ```

            | # | layers | optimizer | loss function | batch | examples | epochs | in all | loss | accuracy | val_loss | val_acc | test_loss | test_acc |
            |---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | 1 | flatten, dense 32 relu, dense 10 softmax | adam 0.001 | crossentropy | 32 | 1,000 | 2 | 2 | 1.1759 | 0.7430 | — | — | 1.0987 | 0.7000 |
            | 2 | flatten, dense 32 relu, dense 10 softmax | sgd 0.1, momentum 0.9 | crossentropy | 32 | 1,000, validate 0.2 | 1* | 3 | 0.7366 | 0.8000 | 0.8174 | 0.7250 | — | — |
            | 3 | flatten, dense 10 linear | sgd 0.5 | mse | 64 | 60,000 | 2* | 3 | 2.1585e+25 | 0.1110 | — | — | — | — |

            \\* 2: stopped by Ctrl-C in epoch 2, after 12 of 25 batches

            \\* 3: diverged in epoch 3, which was undone

            """)
    }
}
