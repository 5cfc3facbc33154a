/// "Did you mean" for keys: the closest candidate within a typo's distance.
public enum Suggestion {
    /// How many different unknown names one check looks for near matches among all the ids.
    static let budget = 200

    public static func nearest(to input: String, among candidates: [String]) -> String? {
        let lowered = input.lowercased()
        let length = lowered.count
        var best: (String, Int)?
        for candidate in candidates {
            let allowed = max(2, candidate.count / 3)
            // The distance is at least the difference in length: most candidates (and every one,
            // for a megabyte of text) are left without working it out.
            guard abs(candidate.count - length) <= allowed else { continue }
            let distance = EditDistance.between(lowered, candidate)
            if distance <= allowed, distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }
}
