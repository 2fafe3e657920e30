extension Checker {
    /// Checks every exercise of `selection`, in order, handing each outcome to `each` as soon as
    /// it is judged (so `tutor check` can print it then); returns them all.
    public func check(_ selection: [CheckSelection], each: (CheckOutcome) -> Void) -> [CheckOutcome] {
        var outcomes: [CheckOutcome] = []
        for part in selection {
            for exercise in part.exercises {
                let outcome = check(exercise, in: part.lesson)
                each(outcome)
                outcomes.append(outcome)
            }
        }
        return outcomes
    }
}
