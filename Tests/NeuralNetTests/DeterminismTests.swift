import Testing
@testable import NeuralNet

/// Same seed, same numbers: weights after an epoch depend only on the seeds and the data.
@Suite struct DeterminismTests {
    /// One epoch of flatten → dense 32 sigmoid → dense 10 softmax (adam, batch 32) on the first
    /// 1,000 bundled training digits; returns the weights and the epoch's record.
    func trainOneEpoch(modelSeed: UInt64, shuffleSeed: UInt64) throws -> ([[Float]], EpochRecord) {
        let data = try BundledMNIST.load().train.prefix(1_000)
        let model = try makeMNISTModel(seed: modelSeed, hidden: 32)
        let trainer = Trainer(model: model, optimizer: .adam(), seed: shuffleSeed)
        let outcome = try trainer.fit(data, epochs: 1, batchSize: 32)
        let record = try #require(outcome.records.first)
        return (weights(of: model), record)
    }

    @Test func sameSeedGivesIdenticalWeights() throws {
        let (a, recordA) = try trainOneEpoch(modelSeed: 42, shuffleSeed: 42)
        let (b, recordB) = try trainOneEpoch(modelSeed: 42, shuffleSeed: 42)
        let difference = weightDifference(a, b)
        #expect(difference == nil)  // bit for bit
        #expect(recordA.loss == recordB.loss)
        #expect(recordA.accuracy == recordB.accuracy)
        // Training did move the weights away from the initial ones.
        let initial = weights(of: try makeMNISTModel(seed: 42, hidden: 32))
        let moved = weightDifference(a, initial)
        #expect(moved != nil)
    }

    @Test func differentSeedGivesDifferentWeights() throws {
        let (a, _) = try trainOneEpoch(modelSeed: 42, shuffleSeed: 42)
        let (b, _) = try trainOneEpoch(modelSeed: 43, shuffleSeed: 43)
        let seeds = weightDifference(a, b)
        #expect(seeds != nil)
        // Only the shuffle differs: still different weights, in every tensor.
        let (c, _) = try trainOneEpoch(modelSeed: 42, shuffleSeed: 7)
        for (x, y) in zip(a, c) {
            let difference = weightDifference([x], [y])
            #expect(difference != nil)
        }
    }
}
