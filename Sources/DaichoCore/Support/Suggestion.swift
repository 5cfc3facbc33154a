/// "Did you mean" for keys: the closest candidate within a typo's distance.
enum Suggestion {
    static func nearest(to input: String, among candidates: [String]) -> String? {
        let lowered = input.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate)
            let allowed = max(2, candidate.count / 3)
            if distance <= allowed, distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }
}
