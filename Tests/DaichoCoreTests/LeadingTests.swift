import DaichoCore
import Testing

/// `leading(_:by:)` stands in for `sorted(by:).prefix(_:)` on the charts of the highest values.
struct LeadingTests {
    /// Worked by hand: the two largest of [3, 9, 1, 9, 5], largest first, are the two nines, the
    /// one that came first (index 1) first.
    @Test func theFirstOfTheSortedOrderWithTiesInTheirOrder() {
        let values = [3, 9, 1, 9, 5].enumerated().map { (index: $0.offset, value: $0.element) }
        let leading = values.leading(2) { $0.value > $1.value }
        #expect(leading.map(\.index) == [1, 3])
        #expect(values.leading(0) { $0.value > $1.value }.isEmpty)
        #expect(values.leading(9) { $0.value > $1.value }.map(\.index) == [1, 3, 4, 0, 2])
    }

    /// Random lists with many ties, every count from none to more than the list: the same elements
    /// in the same order as the stable sort's prefix.
    @Test func sameAsSortingThenTakingThePrefix() {
        var random = SplitMix(seed: 11)
        for _ in 0..<400 {
            let length = Int(random.next() % 60)
            let values = (0..<length).map { (index: $0, value: Int(random.next() % 8)) }
            let count = Int(random.next() % 70)
            let byValue: ((index: Int, value: Int), (index: Int, value: Int)) -> Bool = { $0.value > $1.value }
            let expected = values.sorted(by: byValue).prefix(count).map(\.index)
            #expect(values.leading(count, by: byValue).map(\.index) == expected)
        }
    }
}
