import DaichoCore

/// The manifest's ledger rows (`BuildManifest.Ledger`): what a build records of each ledger file, and
/// what a rebuild compares to find what changed.
extension SiteBuilder {
    /// The rows of every file the check read.
    static func entries(_ checked: CheckedInventory) -> [String: BuildManifest.Ledger] {
        let hashes = checked.contentHashes
        let invalid = checked.filesWithErrors
        var result: [String: BuildManifest.Ledger] = [:]
        for file in checked.files {
            result[file] = BuildManifest.Ledger(hash: hashes[file] ?? "", id: nil, partners: [], valid: false)
        }
        for ledger in checked.ledgers {
            let file = ledger.file
            result[file] = entry(ledger, hash: hashes[file] ?? "", valid: !invalid.contains(file))
        }
        return result
    }

    /// The manifest row of a parsed ledger.
    static func entry(_ ledger: Ledger, hash: String, valid: Bool) -> BuildManifest.Ledger {
        let partners = ledger.integrations.compactMap { link -> String? in
            if case .system(let id) = link.target { return id }
            return nil
        }
        let vendors = Set([ledger.developer, ledger.maintainer].compactMap { $0 })
        return BuildManifest.Ledger(hash: hash, id: ledger.id, partners: partners.count < 2 ? partners : Array(Set(partners)).sorted(),
                                    valid: valid, department: valid ? ledger.department : nil, vendors: valid ? vendors.sorted() : [],
                                    // A system naming no group is one under its own id, which another may name.
                                    terminalGroup: valid ? ledger.hardware?.terminals.map { $0.group ?? ledger.id } : nil)
    }

    /// `entries(checked)` worked out from the last build's rows, with the files whose rows differ
    /// (added, removed or changed). A row follows from the file's bytes and its validity, so a file
    /// with the same hash and validity keeps its old row unread: building all 10,000 rows and
    /// comparing them with the old ones was a tenth of a one-ledger rebuild's CPU.
    static func entries(_ checked: CheckedInventory, previous: [String: BuildManifest.Ledger])
        -> (entries: [String: BuildManifest.Ledger], changed: [String]) {
        let hashes = checked.contentHashes
        let invalid = checked.filesWithErrors
        var result = previous
        var changed: [String] = []
        var known = 0
        var next = checked.ledgers.startIndex
        for file in checked.files {
            let hash = hashes[file] ?? ""
            let old = previous[file]
            if old != nil { known += 1 }
            // The checker keeps ledgers in the order of their files; a file without one did not parse.
            var ledger: Ledger?
            if next < checked.ledgers.endIndex, checked.ledgers[next].file == file {
                ledger = checked.ledgers[next]
                next += 1
            }
            let valid = ledger != nil && !invalid.contains(file)
            if let old, !hash.isEmpty, old.hash == hash, old.valid == valid, old.id == ledger?.id { continue }
            let row = ledger.map { entry($0, hash: hash, valid: valid) }
                ?? BuildManifest.Ledger(hash: hash, id: nil, partners: [], valid: false)
            if row != old {
                result[file] = row
                changed.append(file)
            }
        }
        // Ledgers out of their files' order: not what the checker makes, but worked out all the same.
        guard next == checked.ledgers.endIndex else {
            let entries = entries(checked)
            return (entries, IncrementalPlan.changedFiles(old: previous, new: entries))
        }
        if known < previous.count {
            let files = Set(checked.files)
            for file in previous.keys where !files.contains(file) {
                result[file] = nil
                changed.append(file)
            }
        }
        return (result, changed)
    }
}
