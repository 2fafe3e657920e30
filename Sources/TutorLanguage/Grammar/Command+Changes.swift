extension Command {
    /// Whether the command changes the session — the model, its weights and training, the data,
    /// the settings, the names or the answer — and so is a step `undo` goes back over. The one
    /// place this is decided: a new command must say here which it is.
    ///
    /// Commands that only show something are not steps, even when they keep what they showed
    /// (`evaluate`'s result, `predict`'s outputs, the journal's "summary shown"): that is put
    /// back with the step before them. `run FILE` is one step, whatever its script runs; `undo`
    /// goes back and is no step of its own.
    public var changesSession: Bool {
        switch self {
        case .dataMNIST, .dataMNISTFrom, .layer, .pop, .reset, .optimizer, .loss, .batch, .seed, .fit,
             .loadModel, .assign, .answer, .run, .draw:
            return true
        case .dataInfo, .showImage, .showPixels, .showPixelRow, .showWeights, .model, .evaluate, .predict,
             .predictDrawn, .confusion, .plot, .runs, .explain, .showFunction, .showFlatten, .showOnehot,
             .saveModel, .saveNotebook, .exportKeras, .exportKerasWeights, .help, .history, .undo, .clear, .quit:
            return false
        }
    }
}
