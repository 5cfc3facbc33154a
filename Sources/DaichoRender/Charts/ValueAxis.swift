import DaichoCore

/// A value axis from zero with 4–5 round ticks (steps of 1, 2, 2.5 or 5 times a power of ten).
struct ValueAxis: Sendable, Hashable {
    /// The value at the far end of the plot.
    var maximum: Exact
    /// The tick values from zero, ascending, none beyond `maximum`.
    var ticks: [Exact]

    /// An axis covering `dataMaximum` (at least 1), extended to the next round tick.
    /// - Parameter wholeSteps: ticks at whole numbers only (counts: 5 rather than 2.5).
    init(covering dataMaximum: Exact, wholeSteps: Bool = false) {
        let top = Exact.one < dataMaximum ? dataMaximum : .one
        var step = ValueAxis.roundStep(atLeast: top * Exact(1, 4))
        // Of the round steps, only 2.5 and those below 1 are not whole.
        if wholeSteps && !step.isInteger { step = step < .one ? .one : Exact(5) }
        var maximum = Exact.zero
        var ticks = [Exact.zero]
        while maximum < top {
            maximum = maximum + step
            ticks.append(maximum)
        }
        self.maximum = maximum
        self.ticks = ticks
    }

    /// An axis ending exactly at `maximum` (which must be positive), ticked at round steps within it.
    init(fixed maximum: Exact) {
        let step = ValueAxis.roundStep(atLeast: maximum * Exact(1, 4))
        var ticks = [Exact.zero]
        while !(maximum < ticks[ticks.count - 1] + step) { ticks.append(ticks[ticks.count - 1] + step) }
        self.maximum = maximum
        self.ticks = ticks
    }

    /// The axis for an optional explicit maximum: fixed when given and positive, else covering the data.
    init(maximum: Exact?, covering dataMaximum: Exact, wholeSteps: Bool = false) {
        if let maximum, Exact.zero < maximum {
            self.init(fixed: maximum)
        } else {
            self.init(covering: dataMaximum, wholeSteps: wholeSteps)
        }
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ not below `target` (which must be positive).
    static func roundStep(atLeast target: Exact) -> Exact {
        var power = Exact.one
        while power < target { power = power * Exact(10) }
        while !(power * Exact(1, 10) < target) { power = power * Exact(1, 10) }
        // Now power / 10 < target ≤ power.
        let tenth = power * Exact(1, 10)
        for multiplier in [Exact(1), Exact(2), Exact(5, 2), Exact(5)] where !(tenth * multiplier < target) {
            return tenth * multiplier
        }
        return power
    }
}
