import DaichoCore
import DaichoRender

/// Which systems' pages a change touches: the changed ledgers' systems (before and after),
/// the systems they link to or linked to, the systems that link to them (their pages show the
/// changed system's name), the systems that share a terminal group with them (their drafts name
/// it), and systems whose validity changed.
enum IncrementalPlan {
    /// The department and vendor pages a change touches: those of the changed ledgers, before and
    /// after. Nil (all of them) when a department or vendor appears or disappears, since page
    /// addresses are assigned over the sorted names.
    static func groups(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger], changed: [String]) -> GroupSelection? {
        // Names can appear or disappear only through a changed ledger whose department or vendors
        // changed; otherwise the sets of names are the same and need not be built (10,000 entries).
        let namesMayDiffer = changed.contains { file in
            old[file]?.department != new[file]?.department || old[file]?.vendors != new[file]?.vendors
        }
        if namesMayDiffer {
            let (before, after) = (groupNames(old), groupNames(new))
            guard before.departments == after.departments, before.vendors == after.vendors else { return nil }
        }
        var selection = GroupSelection(departments: [], vendors: [])
        for file in changed {
            for entry in [old[file], new[file]].compactMap({ $0 }) {
                if let department = entry.department { selection.departments.insert(department) }
                selection.vendors.formUnion(entry.vendors)
            }
        }
        return selection
    }

    /// The systems whose department or vendor page moved to another folder although the name
    /// stayed: when names whose hashes collide come or go, their neighbours' `-2` suffixes shift
    /// (`Slug`), and every page of those systems links to the folder. Only worth asking when the
    /// sets of names changed (`groups` is nil).
    static func movedGroups(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger]) -> Set<String> {
        func slugs(_ entries: [String: BuildManifest.Ledger]) -> (departments: [String: String], vendors: [String: String]) {
            let names = groupNames(entries)
            return (Slug.departments(ByteOrder.sorted(names.departments)), Slug.vendors(ByteOrder.sorted(names.vendors)))
        }
        let before = slugs(old), after = slugs(new)
        let departments = Set(after.departments.compactMap { name, slug in before.departments[name].map { $0 == slug ? nil : name } ?? nil })
        let vendors = Set(after.vendors.compactMap { name, slug in before.vendors[name].map { $0 == slug ? nil : name } ?? nil })
        guard !departments.isEmpty || !vendors.isEmpty else { return [] }
        var moved: Set<String> = []
        for entry in new.values {
            guard let id = entry.id else { continue }
            if let department = entry.department, departments.contains(department) { moved.insert(id) }
            if !vendors.isDisjoint(with: entry.vendors) { moved.insert(id) }
        }
        return moved
    }

    /// Every department and vendor the rows name.
    static func groupNames(_ entries: [String: BuildManifest.Ledger]) -> (departments: Set<String>, vendors: Set<String>) {
        var departments: Set<String> = [], vendors: Set<String> = []
        for entry in entries.values {
            if let department = entry.department { departments.insert(department) }
            vendors.formUnion(entry.vendors)
        }
        return (departments, vendors)
    }

    /// Ledger files added, removed or changed (by content, validity, id, links or groups).
    static func changedFiles(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger]) -> [String] {
        var changed = new.compactMap { file, entry in old[file] == entry ? nil : file }
        changed += old.keys.filter { new[$0] == nil }
        return changed
    }

    /// - Parameter changed: `changedFiles(old:new:)`, computed once for this and `groups`.
    static func affected(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger], changed files: [String]) -> Set<String> {
        var changed: Set<String> = []
        var affected: Set<String> = []
        var groups: Set<String> = []
        for file in files {
            for entry in [old[file], new[file]].compactMap({ $0 }) {
                if let id = entry.id { changed.insert(id) }
                affected.formUnion(entry.partners)
                if let group = entry.terminalGroup { groups.insert(group) }
            }
        }
        affected.formUnion(changed)
        guard !changed.isEmpty else { return affected }
        for entries in [old, new] {
            for entry in entries.values {
                guard let id = entry.id else { continue }
                if !entry.partners.isEmpty && !changed.isDisjoint(with: entry.partners) { affected.insert(id) }
                if let group = entry.terminalGroup, groups.contains(group) { affected.insert(id) }
            }
        }
        return affected
    }
}
