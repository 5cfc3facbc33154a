/// The department and vendor pages an incremental rebuild renders (by name).
public struct GroupSelection: Sendable, Equatable {
    public var departments: Set<String>
    public var vendors: Set<String>

    public init(departments: Set<String>, vendors: Set<String>) {
        self.departments = departments
        self.vendors = vendors
    }
}
