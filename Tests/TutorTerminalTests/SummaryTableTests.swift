import Testing
import TextFormat
@testable import TutorTerminal

/// Golden tests: the text Keras 3 prints for `model.summary()` of the same models.
@Suite struct SummaryTableTests {
    let seedRows = [
        SummaryTable.Row(name: "flatten", type: "Flatten", outputShape: "(None, 784)", parameters: 0),
        SummaryTable.Row(name: "dense", type: "Dense", outputShape: "(None, 256)", parameters: 200_960),
        SummaryTable.Row(name: "dense_1", type: "Dense", outputShape: "(None, 10)", parameters: 2_570),
    ]

    @Test func seedModelOnAnEightyColumnTerminal() {
        let text = SummaryTable.render(
            modelName: "sequential", rows: seedRows, trainable: 203_530, nonTrainable: 0, width: 80)
        #expect(text == """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        │ flatten (Flatten)               │ (None, 784)            │             0 │
        ├─────────────────────────────────┼────────────────────────┼───────────────┤
        │ dense (Dense)                   │ (None, 256)            │       200,960 │
        ├─────────────────────────────────┼────────────────────────┼───────────────┤
        │ dense_1 (Dense)                 │ (None, 10)             │         2,570 │
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 203,530 (795.04 KB)
         Trainable params: 203,530 (795.04 KB)
         Non-trainable params: 0 (0.00 B)
        """)
    }

    @Test func seedModelOnAWideTerminalUsesKerasDefaultLineLength() {
        let text = SummaryTable.render(
            modelName: "sequential", rows: seedRows, trainable: 203_530, nonTrainable: 0, width: 120)
        #expect(text == """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                         ┃ Output Shape                ┃         Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━┩
        │ flatten (Flatten)                    │ (None, 784)                 │               0 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense (Dense)                        │ (None, 256)                 │         200,960 │
        ├──────────────────────────────────────┼─────────────────────────────┼─────────────────┤
        │ dense_1 (Dense)                      │ (None, 10)                  │           2,570 │
        └──────────────────────────────────────┴─────────────────────────────┴─────────────────┘
         Total params: 203,530 (795.04 KB)
         Trainable params: 203,530 (795.04 KB)
         Non-trainable params: 0 (0.00 B)
        """)
    }

    @Test func emptyModel() {
        let text = SummaryTable.render(modelName: "sequential", rows: [], trainable: 0, nonTrainable: 0, width: 80)
        #expect(text == """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 0 (0.00 B)
         Trainable params: 0 (0.00 B)
         Non-trainable params: 0 (0.00 B)
        """)
    }

    @Test func narrowTerminalWrapsAtSpacesAndCutsLongWords() {
        let rows = [
            SummaryTable.Row(
                name: "a_very_long_layer_name_indeed", type: "Dense", outputShape: "(None, 10)", parameters: 7_850),
        ]
        let text = SummaryTable.render(modelName: "m", rows: rows, trainable: 7_850, nonTrainable: 0, width: 40)
        #expect(text == """
        Model: "m"
        ┏━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━┓
        ┃ Layer (type)    ┃ Output     ┃ Param ┃
        ┃                 ┃ Shape      ┃     # ┃
        ┡━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━┩
        │ a_very_long_la… │ (None, 10) │ 7,850 │
        │ (Dense)         │            │       │
        └─────────────────┴────────────┴───────┘
         Total params: 7,850 (30.66 KB)
         Trainable params: 7,850 (30.66 KB)
         Non-trainable params: 0 (0.00 B)
        """)
    }

    @Test(arguments: [
        (0, "0.00 B"), (8, "32.00 B"), (255, "1020.00 B"), (256, "1.00 KB"),
        (203_530, "795.04 KB"), (471_373, "1.80 MB"), (999_885_952, "3.72 GB"),
    ])
    func memorySizeAsKerasPrintsIt(parameters: Int, expected: String) {
        #expect(SummaryTable.memorySize(parameters: parameters) == expected)
    }

    @Test func cellWidthsFollowRich() {
        #expect(SummaryTable.cellWidths(lineLength: 76) == [33, 24, 15])
        #expect(SummaryTable.cellWidths(lineLength: 88) == [38, 29, 17])
        #expect(SummaryTable.lineLength(terminalWidth: 80) == 76)
        #expect(SummaryTable.lineLength(terminalWidth: 200) == 88)
        #expect(SummaryTable.lineLength(terminalWidth: 10) == 40)
    }

    @Test func thousandsSeparators() {
        #expect(Thousands.grouped(0) == "0")
        #expect(Thousands.grouped(999) == "999")
        #expect(Thousands.grouped(1_000) == "1,000")
        #expect(Thousands.grouped(200_960) == "200,960")
        #expect(Thousands.grouped(-1_234_567) == "-1,234,567")
    }
}
