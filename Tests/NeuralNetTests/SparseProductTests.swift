import Testing
@testable import NeuralNet

/// The first dense layer's product on the sparse data batch gives the same bits however the
/// batch is read: laid out by rows (`tutor_csr_forward`) or read from the data set's lists where
/// they are (`tutor_lists_forward`, as evaluate reads it), and either way with each block of 64
/// units' weights packed first (at least `TUTOR_PACK_ROWS`, 256, rows) or read in place.
@Suite struct SparseProductTests {
    /// How the test digits are given to the layer.
    enum Reading: CaseIterable {
        /// Laid out by rows in the batch's own memory (training's buffers, read without training).
        case byRows
        /// Read from the data set's lists (evaluate's buffers).
        case fromLists
    }

    /// The hidden layer's outputs (after the sigmoid) for `count` test digits from `start`, given
    /// as one batch.
    func hiddenOutputs(_ model: Model, _ images: SparseImages, start: Int, count: Int, _ reading: Reading) -> [Float] {
        let workspace = BatchBuffers(model: model, features: 784, capacity: count, training: reading == .byRows)
        let order = Array(0..<(start + count))
        switch reading {
        case .byRows:
            order.withUnsafeBufferPointer { order in
                if let base = order.baseAddress { workspace.load(images, order: base, start: start, rows: count) }
            }
        case .fromLists:
            workspace.refer(to: images, order: order, start: start, rows: count)
        }
        _ = model.forward(workspace, rows: count)
        guard let hidden = workspace.output(ofLayer: 1) else { return [] }
        let units = model.layers[1].outputShape.reduce(1, *)
        return Array(UnsafeBufferPointer(start: hidden, count: count * units))
    }

    /// Where two outputs first differ in any bit (their lengths, when those differ); nil when
    /// they are the same bits.
    func firstDifference(_ a: [Float], _ b: [Float]) -> String? {
        guard a.count == b.count else { return "\(a.count) values against \(b.count)" }
        guard let i = a.indices.first(where: { a[$0].bitPattern != b[$0].bitPattern }) else { return nil }
        return "value \(i): \(a[i]) against \(b[i])"
    }

    /// 300 digits at once (packed) against the same digits in batches of 50 (in place), for a
    /// layer of whole blocks and one whose last block is narrower (200 = 3 · 64 + 8).
    @Test(arguments: [256, 200], Reading.allCases)
    func packedAndInPlaceGiveTheSameBits(units: Int, reading: Reading) throws {
        let data = try BundledMNIST.load().test
        let images = SparseImages(data)
        let model = try makeMNISTModel(seed: 3, hidden: units)
        let whole = hiddenOutputs(model, images, start: 0, count: 300, reading)
        let pieces = stride(from: 0, to: 300, by: 50).flatMap { hiddenOutputs(model, images, start: $0, count: 50, reading) }
        #expect(whole.count == 300 * units)
        #expect(firstDifference(whole, pieces) == nil)
    }

    /// The lists read where they are give what the batch laid out by rows gives, packed or not.
    @Test(arguments: [300, 50])
    func listsAndRowsGiveTheSameBits(count: Int) throws {
        let data = try BundledMNIST.load().test
        let images = SparseImages(data)
        let model = try makeMNISTModel(seed: 4, hidden: 200)
        let fromLists = hiddenOutputs(model, images, start: 100, count: count, .fromLists)
        let byRows = hiddenOutputs(model, images, start: 100, count: count, .byRows)
        #expect(fromLists.count == count * 200)
        #expect(firstDifference(fromLists, byRows) == nil)
    }
}
