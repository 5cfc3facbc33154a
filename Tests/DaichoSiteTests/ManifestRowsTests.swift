import DaichoCore
import DaichoRender
@testable import DaichoSite
import Testing

/// The manifest rows a rebuild works out from the last build's: the same rows and the same list of
/// changed files as building every row and comparing them all.
struct ManifestRowsTests {
    /// The rows as the last build may have left them: some files new since, some gone, some edited
    /// (another hash, other content), some whose validity another ledger changed (same hash).
    func previousRows(_ current: [String: BuildManifest.Ledger], _ random: inout SplitMix) -> [String: BuildManifest.Ledger] {
        var rows: [String: BuildManifest.Ledger] = [:]
        for (file, row) in current.sorted(by: { $0.key < $1.key }) {
            switch random.next() % 8 {
            case 0: continue  // added since
            case 1: rows[file] = .init(hash: "0ld", id: row.id.map { $0 + "-old" }, partners: ["x"], valid: true, department: "旧課")
            case 2:
                rows[file] = .init(hash: row.hash, id: row.id, partners: row.partners, valid: !row.valid,
                                   department: row.valid ? nil : "総務課", vendors: row.valid ? [] : ["株式会社かもめ"])
            default: rows[file] = row
            }
        }
        for index in 0..<Int(random.next() % 3) { rows["inventory/gone-\(index).yaml"] = .init(hash: "ff", id: "gone\(index)", partners: [], valid: true) }
        return rows
    }

    @Test(arguments: ["small", "hostile"]) func rowsFromTheLastBuildMatchRowsBuiltAnew(_ fixture: String) async throws {
        let (_, checked) = try await ProjectPipeline().check(Paths.fixture(fixture))
        let current = SiteBuilder.entries(checked)
        #expect(current.count == checked.files.count)
        if fixture == "hostile" { #expect(checked.ledgers.count < checked.files.count, "some files do not parse") }
        var random = SplitMix(seed: 7)
        var changedSeen = 0
        for _ in 0..<200 {
            let previous = previousRows(current, &random)
            let (rows, changed) = SiteBuilder.entries(checked, previous: previous)
            #expect(rows == current)
            let expected = IncrementalPlan.changedFiles(old: previous, new: current)
            #expect(changed.sorted() == expected.sorted())
            changedSeen += changed.count
        }
        #expect(changedSeen > 0)
        // Nothing changed: nothing listed.
        #expect(SiteBuilder.entries(checked, previous: current).changed.isEmpty)
    }

    /// Two department names with one hash (FNV-1a 32: both d9a714ca): the second to come takes
    /// `-2` by byte order, which may move the first's folder. The systems of a name whose folder
    /// moved are rendered again; no folder moves, nothing is.
    @Test func systemsWhoseGroupFolderMovedAreRenderedAgain() {
        let first = "理業習財生観課", second = "業機境習消涯課"
        #expect(Slug.departments([first]) == [first: "d-d9a714ca"])
        let both = Slug.departments(ByteOrder.sorted([first, second]))
        #expect(Set(both.values) == ["d-d9a714ca", "d-d9a714ca-2"])
        let old: [String: BuildManifest.Ledger] = [
            "inventory/koseki.yaml": .init(hash: "a", id: "koseki", partners: [], valid: true, department: first, vendors: ["甲社"]),
            "inventory/juki.yaml": .init(hash: "b", id: "juki", partners: [], valid: true, department: "市民課", vendors: ["甲社"]),
        ]
        var new = old
        new["inventory/zeimu.yaml"] = .init(hash: "c", id: "zeimu", partners: [], valid: true, department: second, vendors: ["乙社"])
        let moved = IncrementalPlan.movedGroups(old: old, new: new)
        #expect(moved == (both[first] == "d-d9a714ca" ? [] : ["koseki"]))
        // And back: removing the second gives the first its plain folder again.
        #expect(IncrementalPlan.movedGroups(old: new, new: old) == moved)
        // The byte order puts 業 (E6 A5 AD) before 理 (E7 90 86): the first name is the one that moves.
        #expect(moved == ["koseki"])
        // A name with no collision: nothing moves.
        new["inventory/zeimu.yaml"]?.department = "新設課"
        #expect(IncrementalPlan.movedGroups(old: old, new: new).isEmpty)
    }
}
