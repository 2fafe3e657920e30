import Testing
import TutorLanguage

/// A line that must be refused, with the exact text the learner sees.
struct BadInput: Sendable, CustomTestStringConvertible {
    let input: String
    var file: String? = nil
    var line = 1
    let expected: String

    var testDescription: String { input }
}

/// Typos in every kind of word, missing and extra arguments, wrong types, bad numbers, brackets,
/// ragged matrices, out-of-range values, paths, and the gutter at wider line numbers.
let badInputs: [BadInput] = [
    BadInput(input: "layer dense 256 sigmiod", file: "lesson.tut", line: 3, expected: """
        error: unknown activation `sigmiod` (expected sigmoid, relu, tanh, softmax or linear)
         --> lesson.tut:3:17
          |
        3 | layer dense 256 sigmiod
          |                 ^^^^^^^ did you mean `sigmoid`?
        """),
    BadInput(input: "fitt 3", expected: """
        error: unknown command `fitt` (type `help` to list the commands)
         --> 1:1
          |
        1 | fitt 3
          | ^^^^ did you mean `fit`?
        """),
    BadInput(input: "exit", expected: """
        error: unknown command `exit` (type `help` to list the commands)
         --> 1:1
          |
        1 | exit
          | ^^^^ did you mean `quit`?
        """),
    BadInput(input: "dense 10 softmax", expected: """
        error: unknown command `dense` (type `help` to list the commands)
         --> 1:1
          |
        1 | dense 10 softmax
          | ^^^^^ did you mean `layer dense`?
        """),
    BadInput(input: "frobnicate", expected: """
        error: unknown command `frobnicate` (type `help` to list the commands)
         --> 1:1
          |
        1 | frobnicate
          | ^^^^^^^^^^
        """),
    BadInput(input: "layer dens 10", expected: """
        error: unknown layer kind `dens` (expected flatten, dense or dropout)
         --> 1:7
          |
        1 | layer dens 10
          |       ^^^^ did you mean `dense`?
        """),
    BadInput(input: "layer", expected: """
        error: expected a layer kind (flatten, dense or dropout) after `layer`
         --> 1:6
          |
        1 | layer
          |      ^ usage: layer flatten or layer dense N [ACT] or layer dropout RATE
        """),
    BadInput(input: "layer dense", expected: """
        error: expected the number of units after `layer dense`
         --> 1:12
          |
        1 | layer dense
          |            ^ usage: layer dense N [ACT]
        """),
    BadInput(input: "layer dense ten", expected: """
        error: expected the number of units (a whole number), found `ten`
         --> 1:13
          |
        1 | layer dense ten
          |             ^^^ usage: layer dense N [ACT]
        """),
    BadInput(input: "layer dense 0", expected: """
        error: the number of units must be at least 1, found `0`
         --> 1:13
          |
        1 | layer dense 0
          |             ^
        """),
    BadInput(input: "layer dense 2.5", expected: """
        error: expected the number of units (a whole number), found `2.5`
         --> 1:13
          |
        1 | layer dense 2.5
          |             ^^^ usage: layer dense N [ACT]
        """),
    BadInput(input: "layer dense 99999999999999999999", expected: """
        error: number too large: `99999999999999999999`
         --> 1:13
          |
        1 | layer dense 99999999999999999999
          |             ^^^^^^^^^^^^^^^^^^^^
        """),
    BadInput(input: "layer dense 10 softmax extra", expected: """
        error: unexpected `extra` after `layer dense 10 softmax`
         --> 1:24
          |
        1 | layer dense 10 softmax extra
          |                        ^^^^^ usage: layer dense N [ACT]
        """),
    BadInput(input: "layer flatten 784", expected: """
        error: unexpected `784` after `layer flatten`
         --> 1:15
          |
        1 | layer flatten 784
          |               ^^^ usage: layer flatten
        """),
    BadInput(input: "layer dense 10 10", expected: """
        error: expected an activation (sigmoid, relu, tanh, softmax or linear), found `10`
         --> 1:16
          |
        1 | layer dense 10 10
          |                ^^ usage: layer dense N [ACT]
        """),
    BadInput(input: "optimizer adma", expected: """
        error: unknown optimizer `adma` (expected sgd or adam)
         --> 1:11
          |
        1 | optimizer adma
          |           ^^^^ did you mean `adam`?
        """),
    BadInput(input: "optimizer", expected: """
        error: expected an optimizer (sgd or adam) after `optimizer`
         --> 1:10
          |
        1 | optimizer
          |          ^ usage: optimizer sgd [LR] [momentum X] or optimizer adam [LR]
        """),
    BadInput(input: "optimizer adam 0", expected: """
        error: the learning rate must be more than 0, found `0`
         --> 1:16
          |
        1 | optimizer adam 0
          |                ^
        """),
    BadInput(input: "optimizer adam fast", expected: """
        error: expected the learning rate (a number), found `fast`
         --> 1:16
          |
        1 | optimizer adam fast
          |                ^^^^ usage: optimizer adam [LR]
        """),
    BadInput(input: "optimizer sgd 0.1 momentum 1", expected: """
        error: the momentum must be at least 0 and less than 1, found `1`
         --> 1:28
          |
        1 | optimizer sgd 0.1 momentum 1
          |                            ^
        """),
    BadInput(input: "optimizer sgd 0.1 momentun 0.9", expected: """
        error: unknown sgd option `momentun` (expected momentum)
         --> 1:19
          |
        1 | optimizer sgd 0.1 momentun 0.9
          |                   ^^^^^^^^ did you mean `momentum`?
        """),
    BadInput(input: "optimizer adam momentum 0.9", expected: """
        error: unexpected `momentum` after `optimizer adam` (only sgd takes a momentum)
         --> 1:16
          |
        1 | optimizer adam momentum 0.9
          |                ^^^^^^^^ usage: optimizer adam [LR]
        """),
    BadInput(input: "optimizer sgd momentum", expected: """
        error: expected the momentum after `optimizer sgd momentum`
         --> 1:23
          |
        1 | optimizer sgd momentum
          |                       ^ usage: optimizer sgd [LR] [momentum X]
        """),
    BadInput(input: "optimizer sgd 1e39", expected: """
        error: number too large: `1e39`
         --> 1:15
          |
        1 | optimizer sgd 1e39
          |               ^^^^
        """),
    BadInput(input: "loss crossentropi", expected: """
        error: unknown loss `crossentropi` (expected crossentropy or mse)
         --> 1:6
          |
        1 | loss crossentropi
          |      ^^^^^^^^^^^^ did you mean `crossentropy`?
        """),
    BadInput(input: "loss hinge", expected: """
        error: unknown loss `hinge` (expected crossentropy or mse)
         --> 1:6
          |
        1 | loss hinge
          |      ^^^^^
        """),
    BadInput(input: "plot acc", expected: """
        error: unknown plot `acc` (expected loss or accuracy)
         --> 1:6
          |
        1 | plot acc
          |      ^^^ did you mean `accuracy`?
        """),
    BadInput(input: "plot", expected: """
        error: expected a plot (loss or accuracy) after `plot`
         --> 1:5
          |
        1 | plot
          |     ^ usage: plot loss or plot accuracy
        """),
    BadInput(input: "fit", expected: """
        error: expected the number of epochs after `fit`
         --> 1:4
          |
        1 | fit
          |    ^ usage: fit N [batch N] [validate X]
        """),
    BadInput(input: "fit 0", expected: """
        error: the number of epochs must be at least 1, found `0`
         --> 1:5
          |
        1 | fit 0
          |     ^
        """),
    BadInput(input: "fit 3 valdate 0.2", expected: """
        error: unknown fit option `valdate` (expected batch or validate)
         --> 1:7
          |
        1 | fit 3 valdate 0.2
          |       ^^^^^^^ did you mean `validate`?
        """),
    BadInput(input: "fit 3 validate 1.5", expected: """
        error: the validation fraction must be between 0 and 1 (both excluded), found `1.5`
         --> 1:16
          |
        1 | fit 3 validate 1.5
          |                ^^^
        """),
    BadInput(input: "fit 3 batch 32 batch 64", expected: """
        error: option `batch` given twice
         --> 1:16
          |
        1 | fit 3 batch 32 batch 64
          |                ^^^^^ usage: fit N [batch N] [validate X]
        """),
    BadInput(input: "fit 3 batch", expected: """
        error: expected the batch size after `fit 3 batch`
         --> 1:12
          |
        1 | fit 3 batch
          |            ^ usage: fit N [batch N] [validate X]
        """),
    BadInput(input: "fit 3 10", expected: """
        error: unexpected `10` after `fit 3`
         --> 1:7
          |
        1 | fit 3 10
          |       ^^ usage: fit N [batch N] [validate X]
        """),
    BadInput(input: "fit three", expected: """
        error: expected the number of epochs (a whole number), found `three`
         --> 1:5
          |
        1 | fit three
          |     ^^^^^ usage: fit N [batch N] [validate X]
        """),
    BadInput(input: "batch -1", expected: """
        error: the batch size must be at least 1, found `-1`
         --> 1:7
          |
        1 | batch -1
          |       ^^
        """),
    BadInput(input: "seed -5", expected: """
        error: the seed must be 0 or more, found `-5`
         --> 1:6
          |
        1 | seed -5
          |      ^^
        """),
    BadInput(input: "seed 99999999999999999999999", expected: """
        error: number too large: `99999999999999999999999`
         --> 1:6
          |
        1 | seed 99999999999999999999999
          |      ^^^^^^^^^^^^^^^^^^^^^^^
        """),
    BadInput(input: "show imgae 3", expected: """
        error: unknown thing to show `imgae` (expected image, pixels, weights, sigmoid, relu, tanh, softmax, linear, derivative, flatten or onehot)
         --> 1:6
          |
        1 | show imgae 3
          |      ^^^^^ did you mean `image`?
        """),
    BadInput(input: "show image", expected: """
        error: expected the image index after `show image`
         --> 1:11
          |
        1 | show image
          |           ^ usage: show image N [train|test]
        """),
    BadInput(input: "show image -1", expected: """
        error: the image index must be 0 or more, found `-1`
         --> 1:12
          |
        1 | show image -1
          |            ^^
        """),
    BadInput(input: "show image 3 tset", expected: """
        error: unexpected `tset` after `show image 3` (expected `train`, `test` or nothing)
         --> 1:14
          |
        1 | show image 3 tset
          |              ^^^^ did you mean `test`?
        """),
    BadInput(input: "predict 3 train test", expected: """
        error: unexpected `test` after `predict 3 train`
         --> 1:17
          |
        1 | predict 3 train test
          |                 ^^^^ usage: predict N [train|test] or predict drawn
        """),
    BadInput(input: "show weights", expected: """
        error: expected the unit index after `show weights`
         --> 1:13
          |
        1 | show weights
          |             ^ usage: show weights N
        """),
    BadInput(input: "show onehot 10", expected: """
        error: the digit must be from 0 to 9, found `10`
         --> 1:13
          |
        1 | show onehot 10
          |             ^^
        """),
    BadInput(input: "show softmax", expected: """
        error: expected a vector such as `[2, 1, 0.1]` or a name after `show softmax`
         --> 1:13
          |
        1 | show softmax
          |             ^ usage: show softmax V
        """),
    BadInput(input: "show softmax 2 1 0.1", expected: """
        error: expected a vector in brackets, found `2 1 0.1`
         --> 1:14
          |
        1 | show softmax 2 1 0.1
          |              ^^^^^^^ did you mean `[2, 1, 0.1]`?
        """),
    BadInput(input: "show softmax [2, 1, 0.1", expected: """
        error: expected `]` to close the `[` at column 14, found the end of the line
         --> 1:24
          |
        1 | show softmax [2, 1, 0.1
          |                        ^
        """),
    BadInput(input: "show softmax [2, 1, 0.1]]", expected: """
        error: unmatched `]` after `show softmax [2, 1, 0.1]`
         --> 1:25
          |
        1 | show softmax [2, 1, 0.1]]
          |                         ^ usage: show softmax V
        """),
    BadInput(input: "show softmax []", expected: """
        error: empty vector: give at least one number between `[` and `]`
         --> 1:14
          |
        1 | show softmax []
          |              ^^
        """),
    BadInput(input: "show flatten [[1, 2], [3]]", expected: """
        error: matrix rows must have the same length: row 1 has 2 numbers, row 2 has 1 number
         --> 1:23
          |
        1 | show flatten [[1, 2], [3]]
          |                       ^^^
        """),
    BadInput(input: "show flatten [[1, 2], 3]", expected: """
        error: expected a row such as `[1, 2]` or `]`, found `3`
         --> 1:23
          |
        1 | show flatten [[1, 2], 3]
          |                       ^
        """),
    BadInput(input: "show softmax [1, x]", expected: """
        error: expected a number or `]`, found `x`
         --> 1:18
          |
        1 | show softmax [1, x]
          |                  ^
        """),
    BadInput(input: "show softmax [1,, 2]", expected: """
        error: expected a number or `]`, found `,`
         --> 1:17
          |
        1 | show softmax [1,, 2]
          |                 ^
        """),
    BadInput(input: "show sigmoid [1e999]", expected: """
        error: number too large: `1e999`
         --> 1:15
          |
        1 | show sigmoid [1e999]
          |               ^^^^^
        """),
    BadInput(input: "let 2x = [1]", expected: """
        error: expected a name (letters, digits and `_`, starting with a letter), found `2x`
         --> 1:5
          |
        1 | let 2x = [1]
          |     ^^ usage: let NAME = V
        """),
    BadInput(input: "let x [1, 2]", expected: """
        error: expected `=` after `let x`, found `[`
         --> 1:7
          |
        1 | let x [1, 2]
          |       ^ usage: let NAME = V
        """),
    BadInput(input: "let x =", expected: """
        error: expected a vector such as `[2, 1, 0.1]` or a name after `let x =`
         --> 1:8
          |
        1 | let x =
          |        ^ usage: let NAME = V
        """),
    BadInput(input: "answer", expected: """
        error: expected the answer after `answer`
         --> 1:7
          |
        1 | answer
          |       ^ usage: answer X
        """),
    BadInput(input: "answer one", expected: """
        error: expected the answer (a number), found `one`
         --> 1:8
          |
        1 | answer one
          |        ^^^ usage: answer X
        """),
    BadInput(input: "answer 1/0", expected: """
        error: division by zero
         --> 1:10
          |
        1 | answer 1/0
          |          ^
        """),
    BadInput(input: "answer 3/(2-2)", expected: """
        error: division by zero: `(2-2)` is 0
         --> 1:10
          |
        1 | answer 3/(2-2)
          |          ^^^^^
        """),
    BadInput(input: "answer (784*32+32", expected: """
        error: expected `)` to close the `(` at column 8, found the end of the line
         --> 1:18
          |
        1 | answer (784*32+32
          |                  ^
        """),
    BadInput(input: "answer (1 + 2 x", expected: """
        error: expected `)` to close the `(` at column 8, found `x`
         --> 1:15
          |
        1 | answer (1 + 2 x
          |               ^
        """),
    BadInput(input: "answer 784*32)+32", expected: """
        error: unmatched `)` after `784*32`
         --> 1:14
          |
        1 | answer 784*32)+32
          |              ^
        """),
    BadInput(input: "answer 2(3+4)", expected: """
        error: expected `+`, `-`, `*` or `/` after `2`, found `(3+4)`
         --> 1:9
          |
        1 | answer 2(3+4)
          |         ^^^^^ write `*` to multiply
        """),
    BadInput(input: "answer 784 *", expected: """
        error: expected a number or `(` after `784 *`, found the end of the line
         --> 1:13
          |
        1 | answer 784 *
          |             ^
        """),
    BadInput(input: "answer 2 + two", expected: """
        error: expected a number or `(` after `2 +`, found `two`
         --> 1:12
          |
        1 | answer 2 + two
          |            ^^^
        """),
    BadInput(input: "answer 1e308*10", expected: """
        error: number too large: `1e308*10`
         --> 1:8
          |
        1 | answer 1e308*10
          |        ^^^^^^^^
        """),
    BadInput(input: "answer 1..5", expected: """
        error: `1..5` is not a number
         --> 1:8
          |
        1 | answer 1..5
          |        ^^^^
        """),
    BadInput(input: "answer 0,5", expected: """
        error: `0,5` is not a number: commas group digits in threes, as in `25,120`, and decimals take a point, as in `0.5`
         --> 1:8
          |
        1 | answer 0,5
          |        ^^^
        """),
    BadInput(input: "answer 25,120 25", expected: """
        error: unexpected `25` after `answer 25,120`
         --> 1:15
          |
        1 | answer 25,120 25
          |               ^^ usage: answer X
        """),
    BadInput(input: "layer dropout 0,5", expected: """
        error: `0,5` is not a number: commas group digits in threes, as in `25,120`, and decimals take a point, as in `0.5`
         --> 1:15
          |
        1 | layer dropout 0,5
          |               ^^^
        """),
    BadInput(input: "data mnist 1000,200", expected: """
        error: `1000,200` is not a number: commas group digits in threes, as in `25,120`, and decimals take a point, as in `0.5`
         --> 1:12
          |
        1 | data mnist 1000,200
          |            ^^^^^^^^
        """),
    BadInput(input: "predict 0 trian", expected: """
        error: unexpected `trian` after `predict 0` (expected `train`, `test` or nothing)
         --> 1:11
          |
        1 | predict 0 trian
          |           ^^^^^ did you mean `train`?
        """),
    BadInput(input: "data mnsit", expected: """
        error: unknown data set `mnsit` (expected mnist)
         --> 1:6
          |
        1 | data mnsit
          |      ^^^^^ did you mean `mnist`?
        """),
    BadInput(input: "data mnist 0", expected: """
        error: the number of training examples must be at least 1, found `0`
         --> 1:12
          |
        1 | data mnist 0
          |            ^
        """),
    BadInput(input: "data mnist from", expected: """
        error: expected a folder after `data mnist from`
         --> 1:16
          |
        1 | data mnist from
          |                ^ usage: data mnist from DIR
        """),
    BadInput(input: "save modle a.tut", expected: """
        error: unknown thing to save `modle` (expected model or notebook)
         --> 1:6
          |
        1 | save modle a.tut
          |      ^^^^^ did you mean `model`?
        """),
    BadInput(input: "save model", expected: """
        error: expected a file name after `save model`
         --> 1:11
          |
        1 | save model
          |           ^ usage: save model FILE
        """),
    BadInput(input: "save model my model.tut", expected: """
        error: unexpected `model.tut` after `save model my`
         --> 1:15
          |
        1 | save model my model.tut
          |               ^^^^^^^^^ put a path with spaces in double quotes
        """),
    BadInput(input: "load model \"\"", expected: """
        error: expected a file name, found an empty string
         --> 1:12
          |
        1 | load model ""
          |            ^^
        """),
    BadInput(input: "export kears a.py", expected: """
        error: unknown export format `kears` (expected keras)
         --> 1:8
          |
        1 | export kears a.py
          |        ^^^^^ did you mean `keras`?
        """),
    BadInput(input: "run \"unterminated", expected: """
        error: unterminated string: expected a closing `"`
         --> 1:5
          |
        1 | run "unterminated
          |     ^^^^^^^^^^^^^
        """),
    BadInput(input: "help fitt", expected: """
        error: unknown help topic `fitt` (type `help` to list the commands)
         --> 1:6
          |
        1 | help fitt
          |      ^^^^ did you mean `fit`?
        """),
    BadInput(input: "model extra", expected: """
        error: unexpected `extra` after `model`
         --> 1:7
          |
        1 | model extra
          |       ^^^^^ usage: model
        """),
    BadInput(input: "[1, 2]", expected: """
        error: expected a command, found `[`
         --> 1:1
          |
        1 | [1, 2]
          | ^ type `help` to list the commands
        """),
    BadInput(input: "fit 3 batch 0", expected: """
        error: the batch size must be at least 1, found `0`
         --> 1:13
          |
        1 | fit 3 batch 0
          |             ^
        """),
    BadInput(input: "optimizer sgd -0.1", expected: """
        error: the learning rate must be more than 0, found `-0.1`
         --> 1:15
          |
        1 | optimizer sgd -0.1
          |               ^^^^
        """),
    BadInput(input: "data mnist 100 0", expected: """
        error: the number of test examples must be at least 1, found `0`
         --> 1:16
          |
        1 | data mnist 100 0
          |                ^
        """),
    BadInput(input: "data mnist 100 10 5", expected: """
        error: unexpected `5` after `data mnist 100 10`
         --> 1:19
          |
        1 | data mnist 100 10 5
          |                   ^ usage: data mnist [N [M]] or data mnist from DIR
        """),
    BadInput(input: "data mnist from a b", expected: """
        error: unexpected `b` after `data mnist from a`
         --> 1:19
          |
        1 | data mnist from a b
          |                   ^ put a path with spaces in double quotes
        """),
    BadInput(input: "show image 3 test extra", expected: """
        error: unexpected `extra` after `show image 3 test`
         --> 1:19
          |
        1 | show image 3 test extra
          |                   ^^^^^ usage: show image N [train|test]
        """),
    BadInput(input: "show softmax [[1, [2]]]", expected: """
        error: expected a number or `]`, found `[`
         --> 1:19
          |
        1 | show softmax [[1, [2]]]
          |                   ^
        """),
    BadInput(input: "show flatten [[]]", expected: """
        error: empty row: give at least one number between `[` and `]`
         --> 1:15
          |
        1 | show flatten [[]]
          |               ^^
        """),
    BadInput(input: "help 3", expected: """
        error: expected a command name, found `3`
         --> 1:6
          |
        1 | help 3
          |      ^ usage: help or help COMMAND
        """),
    BadInput(input: "help show softmax", expected: """
        error: unexpected `softmax` after `help show`
         --> 1:11
          |
        1 | help show softmax
          |           ^^^^^^^ usage: help or help COMMAND
        """),
    BadInput(input: "let x = 3", expected: """
        error: expected a vector in brackets, found `3`
         --> 1:9
          |
        1 | let x = 3
          |         ^ did you mean `[3]`?
        """),
    BadInput(input: "let x = [1] extra", expected: """
        error: unexpected `extra` after `let x = [1]`
         --> 1:13
          |
        1 | let x = [1] extra
          |             ^^^^^ usage: let NAME = V
        """),
    BadInput(input: "show onehot -1", expected: """
        error: the digit must be from 0 to 9, found `-1`
         --> 1:13
          |
        1 | show onehot -1
          |             ^^
        """),
    BadInput(input: "seed 1.5", expected: """
        error: expected the seed (a whole number), found `1.5`
         --> 1:6
          |
        1 | seed 1.5
          |      ^^^ usage: seed N
        """),
    BadInput(input: "answer 1e999", expected: """
        error: number too large: `1e999`
         --> 1:8
          |
        1 | answer 1e999
          |        ^^^^^
        """),
    BadInput(input: "batch 9223372036854775808", expected: """
        error: number too large: `9223372036854775808`
         --> 1:7
          |
        1 | batch 9223372036854775808
          |       ^^^^^^^^^^^^^^^^^^^
        """),
    BadInput(input: "layer dense 10 activation=\"relu\"", expected: """
        error: unexpected `activation="relu"` (write the activation alone, without `name=`)
         --> 1:16
          |
        1 | layer dense 10 activation="relu"
          |                ^^^^^^^^^^^^^^^^^ did you mean `relu`?
        """),
    BadInput(input: "layer dense 10 activation=", expected: """
        error: unexpected `activation=` (write the activation alone, without `name=`)
         --> 1:16
          |
        1 | layer dense 10 activation=
          |                ^^^^^^^^^^^ usage: layer dense N [ACT]
        """),
    BadInput(input: "run", expected: """
        error: expected a file name after `run`
         --> 1:4
          |
        1 | run
          |    ^ usage: run FILE
        """),
    BadInput(input: "data 100", expected: """
        error: expected a data set (mnist), found `100`
         --> 1:6
          |
        1 | data 100
          |      ^^^ usage: data mnist [N [M]] or data mnist from DIR or data
        """),
    BadInput(input: "optimizer adam 0.01 0.9", expected: """
        error: unexpected `0.9` after `optimizer adam 0.01`
         --> 1:21
          |
        1 | optimizer adam 0.01 0.9
          |                     ^^^ usage: optimizer adam [LR]
        """),
    BadInput(input: "show softmax [1 2] [3]", expected: """
        error: unexpected `[` after `show softmax [1 2]`
         --> 1:20
          |
        1 | show softmax [1 2] [3]
          |                    ^ usage: show softmax V
        """),
    BadInput(input: "loss", expected: """
        error: expected a loss (crossentropy or mse) after `loss`
         --> 1:5
          |
        1 | loss
          |     ^ usage: loss crossentropy or loss mse
        """),
    BadInput(input: "LAYER DENSE 10 SIGMIOD", expected: """
        error: unknown activation `SIGMIOD` (expected sigmoid, relu, tanh, softmax or linear)
         --> 1:16
          |
        1 | LAYER DENSE 10 SIGMIOD
          |                ^^^^^^^ did you mean `sigmoid`?
        """),
    BadInput(input: "fit\tthree", expected: """
        error: expected the number of epochs (a whole number), found `three`
         --> 1:5
          |
        1 | fit three
          |     ^^^^^ usage: fit N [batch N] [validate X]
        """),
    BadInput(input: "pop now", file: "scripts/train.tut", line: 12, expected: """
        error: unexpected `now` after `pop`
          --> scripts/train.tut:12:5
           |
        12 | pop now
           |     ^^^ usage: pop
        """),
    BadInput(input: "quit please", line: 100, expected: """
        error: unexpected `please` after `quit`
           --> 100:6
            |
        100 | quit please
            |      ^^^^^^ usage: quit
        """),
]

@Test("a bad line renders exactly", arguments: badInputs)
func badInputRendersExactly(_ bad: BadInput) {
    do {
        let statement = try Parser.parse(bad.input, line: bad.line, file: bad.file)
        Issue.record("parsed as \(String(describing: statement?.command)) instead of failing")
    } catch {
        #expect(error.rendered() == bad.expected)
    }
}

@Test func theTableCoversAtLeastFortyFiveBadInputs() {
    #expect(badInputs.count >= 45)
}
