import DaichoCore
import DaichoRender

/// Which systems' pages a change touches: the changed ledgers' systems (before and after),
/// the systems they link to or linked to, the systems that link to them (their pages show the
/// changed system's name), and systems whose validity changed.
enum IncrementalPlan {
    /// The department and vendor pages a change touches: those of the changed ledgers, before and
    /// after. Nil (all of them) when a department or vendor appears or disappears, since page
    /// addresses are assigned over the sorted names.
    static func groups(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger]) -> GroupSelection? {
        func names(_ entries: [String: BuildManifest.Ledger]) -> (Set<String>, Set<String>) {
            var departments: Set<String> = [], vendors: Set<String> = []
            for entry in entries.values {
                if let department = entry.department { departments.insert(department) }
                vendors.formUnion(entry.vendors)
            }
            return (departments, vendors)
        }
        let (oldDepartments, oldVendors) = names(old), (newDepartments, newVendors) = names(new)
        guard oldDepartments == newDepartments, oldVendors == newVendors else { return nil }
        var selection = GroupSelection(departments: [], vendors: [])
        for file in Set(old.keys).union(new.keys) where old[file] != new[file] {
            for entry in [old[file], new[file]].compactMap({ $0 }) {
                if let department = entry.department { selection.departments.insert(department) }
                selection.vendors.formUnion(entry.vendors)
            }
        }
        return selection
    }

    static func affected(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger]) -> Set<String> {
        var changed: Set<String> = []
        var affected: Set<String> = []
        for file in Set(old.keys).union(new.keys) where old[file] != new[file] {
            for entry in [old[file], new[file]].compactMap({ $0 }) {
                if let id = entry.id { changed.insert(id) }
                affected.formUnion(entry.partners)
            }
        }
        affected.formUnion(changed)
        for entry in Array(old.values) + Array(new.values) where !changed.isDisjoint(with: entry.partners) {
            if let id = entry.id { affected.insert(id) }
        }
        return affected
    }
}
