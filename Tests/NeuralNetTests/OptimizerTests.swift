import Foundation
import Testing
@testable import NeuralNet

/// One and two optimizer steps against the update rules worked out by hand.
@Suite struct OptimizerTests {
    static let start: [Float] = [1, -2, 0.5, 0]
    static let g1: [Float] = [0.1, -0.2, 0.3, 0]
    static let g2: [Float] = [-0.05, 0.4, 0.3, 2]

    func parameter(_ values: [Float] = start) -> Parameter {
        Parameter(shape: [values.count], values: values)
    }

    func step(_ optimizer: any Optimizer, _ p: Parameter, gradient: [Float]) {
        p.gradientStorage.copy(from: gradient)
        optimizer.step([p])
    }

    @Test func sgdWithoutMomentum() {
        let p = parameter()
        let optimizer = SGD()
        #expect(optimizer.kind == .defaultSGD)
        step(optimizer, p, gradient: Self.g1)
        // w − 0.01·g
        let w1: [Float] = [1 - 0.001, -2 + 0.002, 0.5 - 0.003, 0]
        #expect(allClose(p.values, w1))
        step(optimizer, p, gradient: Self.g2)
        let w2: [Float] = [1 - 0.001 + 0.0005, -2 + 0.002 - 0.004, 0.5 - 0.003 - 0.003, -0.02]
        #expect(allClose(p.values, w2))
        #expect(optimizer.iterations == 2)
        #expect(optimizer.slots.isEmpty && optimizer.momentums == nil)  // plain SGD keeps no state
        #expect(OptimizerKind.defaultSGD.slotNames == [])
    }

    @Test func sgdWithMomentum() {
        let p = parameter()
        let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
        #expect(optimizer.slots.map(\.name) == ["momentum"])
        step(optimizer, p, gradient: Self.g1)
        // v₁ = 0.9·0 − 0.1·g₁ = [−0.01, 0.02, −0.03, 0];  w₁ = w₀ + v₁.
        let v1: [Float] = [-0.01, 0.02, -0.03, 0]
        let w1 = zip(Self.start, v1).map(+)
        #expect(allClose(p.values, w1))
        #expect(allClose(optimizer.momentums?.values(of: p) ?? [], v1))
        step(optimizer, p, gradient: Self.g2)
        // v₂ = 0.9·v₁ − 0.1·g₂ = [−0.009 + 0.005, 0.018 − 0.04, −0.027 − 0.03, −0.2];  w₂ = w₁ + v₂.
        let v2: [Float] = [-0.004, -0.022, -0.057, -0.2]
        #expect(allClose(p.values, zip(w1, v2).map(+)))
        let w2: [Float] = [0.986, -2.002, 0.413, -0.2]
        #expect(allClose(p.values, w2))
    }

    /// Keras' Adam, step by step in Double:
    ///   m ← m + (1 − β₁)(g − m),  v ← v + (1 − β₂)(g² − v),
    ///   α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ),  w ← w − α·m/(√v + ε).
    @Test func adamOneAndTwoSteps() {
        let lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7
        let p = parameter()
        let optimizer = Adam()
        #expect(optimizer.kind == .adam(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7))
        #expect(optimizer.slots.map(\.name) == ["momentum", "velocity"])
        #expect(optimizer.momentums.values(of: p) == nil)

        // Step 1: m = 0.1·g, v = 0.001·g², α = 0.001·√0.001/0.1 = 3.16227766e-4,
        // so each value moves by α·0.1|g|/(√0.001·|g| + 1e-7) ≈ 0.001 against the gradient's sign.
        step(optimizer, p, gradient: Self.g1)
        let alpha1 = lr * (1 - beta2).squareRoot() / (1 - beta1)
        #expect(isClose(alpha1, 3.16227766e-4, abs: 0, rel: 1e-8))
        var m = Self.g1.map { 0.1 * Double($0) }
        var v = Self.g1.map { 0.001 * Double($0) * Double($0) }
        var w = Self.start.map(Double.init)
        for i in w.indices { w[i] -= alpha1 * m[i] / (v[i].squareRoot() + epsilon) }
        #expect(allClose(p.values, w.map { Float($0) }, abs: 1e-7, rel: 1e-6))
        // The familiar first Adam step: about lr against the sign of g (0 where g is 0).
        let approximately: [Float] = [0.999, -1.999, 0.499, 0]
        #expect(allClose(p.values, approximately, abs: 1e-6, rel: 0))
        #expect(allClose(optimizer.momentums.values(of: p) ?? [], m.map { Float($0) }))
        #expect(allClose(optimizer.velocities.values(of: p) ?? [], v.map { Float($0) }))

        // Step 2: α = 0.001·√(1 − 0.999²)/(1 − 0.9²) = 0.001·√0.001999/0.19.
        step(optimizer, p, gradient: Self.g2)
        let alpha2 = lr * (1 - beta2 * beta2).squareRoot() / (1 - beta1 * beta1)
        #expect(isClose(alpha2, 0.001 * 0.001999.squareRoot() / 0.19, abs: 0, rel: 1e-12))
        for i in w.indices {
            let g = Double(Self.g2[i])
            m[i] += (1 - beta1) * (g - m[i])
            v[i] += (1 - beta2) * (g * g - v[i])
            w[i] -= alpha2 * m[i] / (v[i].squareRoot() + epsilon)
        }
        #expect(allClose(p.values, w.map { Float($0) }, abs: 1e-7, rel: 1e-6))
        #expect(allClose(optimizer.momentums.values(of: p) ?? [], m.map { Float($0) }))
        #expect(allClose(optimizer.velocities.values(of: p) ?? [], v.map { Float($0) }))
        #expect(optimizer.iterations == 2)
    }

    /// Every parameter in the list is updated, each with its own moments.
    @Test func adamKeepsStatePerParameter() {
        let a = parameter([1, 1]), b = parameter([1, 1])
        let optimizer = Adam(learningRate: 0.01)
        a.gradientStorage.copy(from: [1, -1])
        b.gradientStorage.copy(from: [0, 0])
        optimizer.step([a, b])
        #expect(allClose(a.values, [0.99, 1.01], abs: 1e-6, rel: 0))
        #expect(b.values == [1, 1])
        #expect(allClose(optimizer.momentums.values(of: a) ?? [], [0.1, -0.1]))
        #expect(optimizer.momentums.values(of: b) == [0, 0])
    }

    /// Switching optimizer on a trainer forgets the old moments (as a Keras `compile`).
    @Test func setOptimizerStartsAfresh() throws {
        let model = Model(inputShape: [2], seed: 1)
        try model.addDense(units: 10, activation: .softmax)
        let trainer = Trainer(model: model, optimizer: .adam(), seed: 1)
        let data = generatedDataset(count: 10, shape: [2])
        try trainer.fit(data, epochs: 1, batchSize: 5)
        #expect(trainer.optimizer.iterations == 2)
        #expect(model.parameters.allSatisfy { p in trainer.optimizer.slots.allSatisfy { $0.values(of: p) != nil } })
        trainer.setOptimizer(.defaultSGD)
        #expect(trainer.optimizer.iterations == 0)
        #expect(trainer.optimizer.kind == .sgd(learningRate: 0.01, momentum: 0))
        #expect(trainer.optimizer.slots.isEmpty)
        #expect(trainer.trainingState == nil)
    }

    /// The state belongs to the parameters, not to their positions: a layer put in place of
    /// another after training starts from zero state, and a trainer's copy has state of its own.
    @Test func stateFollowsTheParameters() throws {
        let model = Model(inputShape: [2], seed: 1)
        try model.addDense(units: 3, activation: .relu)
        try model.addDense(units: 10, activation: .softmax)
        let trainer = Trainer(model: model, optimizer: .adam(), seed: 1)
        let data = generatedDataset(count: 10, shape: [2])
        try trainer.fit(data, epochs: 1, batchSize: 5)
        let trained = try #require(trainer.trainingState)
        model.removeLast()
        try model.addDense(units: 10, activation: .softmax)
        let state = try #require(trainer.trainingState)
        // Per parameter m then v: the first layer's kernel and bias keep theirs, the new layer's are zero.
        #expect(state.slots.prefix(4) == trained.slots.prefix(4))
        #expect(state.slots.dropFirst(4).allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(trained.slots.dropFirst(4).contains { $0.contains { $0 != 0 } })

        let twin = trainer.copy(for: model.copy())
        #expect(twin.trainingState == state)
        try twin.fit(data, epochs: 1, batchSize: 5)
        #expect(twin.optimizer.iterations == 4)
        #expect(trainer.optimizer.iterations == 2)
        #expect(trainer.trainingState == state)
        #expect(twin.trainingState != state)
    }

    @Test func kindNamesAndDefaults() {
        #expect(OptimizerKind.defaultSGD.name == "sgd")
        #expect(OptimizerKind.defaultSGD.learningRate == 0.01)
        #expect(OptimizerKind.adam().name == "adam")
        #expect(OptimizerKind.adam().learningRate == 0.001)
        #expect(OptimizerKind.adam(learningRate: 0.01).learningRate == 0.01)
        #expect(OptimizerKind.adam().slotNames == ["momentum", "velocity"])
        #expect(OptimizerKind.sgd(learningRate: 0.1, momentum: 0.5).slotNames == ["momentum"])
        #expect(OptimizerKind.adam(learningRate: 0.01).makeOptimizer().kind == .adam(learningRate: 0.01))
        #expect(OptimizerKind.sgd(learningRate: 0.1, momentum: 0.5).makeOptimizer().kind == .sgd(learningRate: 0.1, momentum: 0.5))
    }
}
