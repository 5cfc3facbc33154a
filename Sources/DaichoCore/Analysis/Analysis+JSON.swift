extension Analysis {
    /// `analysis.json` exactly as analysis-v1 specifies: sorted keys, shares to 4 decimals, integer yen.
    public var json: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: jsonSections.map { ($0.key, $0.value()) }))
    }

    /// `json` as text, its members written on all cores (`analyze --json`): the same bytes as
    /// `json.renderedBytes()`.
    public func renderedJSON() -> [UInt8] { JSONValue.renderedBytes(writers: jsonWriters()) }

    /// `renderedJSON()` in pieces that follow each other, all made at once on all cores, for writing
    /// out without joining them first (tens of megabytes at national scale, copied once more for
    /// nothing). A build, which must bound its memory, takes them one at a time instead
    /// (`JSONValue.renderedParts(writers:)`).
    public func renderedJSONPieces() -> [[UInt8]] { JSONValue.renderedPieces(writers: jsonWriters()) }

    /// `jsonMembers` as writers, in the same order, for `JSONValue.renderedParts(writers:)`. The
    /// members made of one entry per system (the maintenance list, the gaps, completeness,
    /// renewals: most of the document, tens of thousands of values at national scale) are written
    /// straight from the analysis instead of through trees of dictionaries whose keys were hashed
    /// and sorted again.
    /// - Parameters:
    ///   - maintenanceSystems: false to write the maintenance list empty (the public profile,
    ///     where costs are hidden).
    ///   - showsGap: the gap codes whose systems are written (the public profile leaves out
    ///     security and BCP gaps); nil writes them all. `gaps` holds every code all the same (the
    ///     contract binds it to), a withheld one with no systems, and `gaps_withheld` names those.
    ///   - hides: the ledger field paths the public profile hides (`policy.public_hide`): a
    ///     hidden field is not listed as missing, and the disaster table leaves out the hidden keys
    ///     of its rows (all of them when `usage.disaster_tasks` is hidden).
    public func jsonWriters(maintenanceSystems: Bool = true, showsGap: (@Sendable (GapAnalysis.Code) -> Bool)? = nil,
                            hides: (@Sendable (String) -> Bool)? = nil)
        -> [(key: String, write: @Sendable (inout [UInt8], Int) -> Void)] {
        let (maintenance, gaps, renewals) = (self.maintenance, self.gaps, self.renewals)
        var shownCompleteness = self.completeness
        if let hides {
            shownCompleteness.missing = shownCompleteness.missing.mapValues { $0.filter { !hides($0) } }
        }
        let completeness = shownCompleteness
        var direct: [String: @Sendable (inout [UInt8], Int) -> Void] = [
            "maintenance": { maintenance.writeJSON(into: &$0, indent: $1, systems: maintenanceSystems) },
            "gaps": { output, indent in
                let lists = GapAnalysis.Code.allCases.map { ($0.rawValue, showsGap?($0) ?? true ? gaps.byCode[$0] ?? [] : []) }
                JSONValue.writeStringLists(Dictionary(uniqueKeysWithValues: lists), indent: indent, into: &output)
            },
            "system_gaps": { output, indent in
                JSONValue.writeObject(JSONValue.sortedMembers(gaps.bySystem), indent: indent, into: &output) { codes, output, indent in
                    guard let showsGap else { return JSONValue.writeStrings(codes.lazy.map(\.rawValue), indent: indent, into: &output) }
                    JSONValue.writeStrings(codes.lazy.filter(showsGap).map(\.rawValue), indent: indent, into: &output)
                }
            },
            "renewals": { output, indent in
                JSONValue.writeStringLists(Dictionary(uniqueKeysWithValues: renewals.map { (String($0.key), $0.value) }),
                                           indent: indent, into: &output)
            },
            "completeness": { output, indent in
                func decimals(_ values: [String: Exact]) -> (inout [UInt8], Int) -> Void {
                    { output, indent in
                        JSONValue.writeObject(JSONValue.sortedMembers(values), indent: indent, into: &output) { value, output, _ in
                            value.appendDecimal(places: 4, into: &output)
                        }
                    }
                }
                let parts: [String: (inout [UInt8], Int) -> Void] = [
                    "overall": { output, _ in completeness.overall.appendDecimal(places: 4, into: &output) },
                    "systems": decimals(completeness.systems), "departments": decimals(completeness.departments),
                    "missing": { JSONValue.writeStringLists(completeness.missing, indent: $1, into: &$0) },
                ]
                JSONValue.writeObject(JSONValue.sortedMembers(parts), indent: indent, into: &output) { $0(&$1, $2) }
            },
        ]
        if let hides {
            // Members that name systems by a hidden field keep their shape without those lists.
            func replacing(_ member: String, in value: @escaping @Sendable () -> JSONValue, _ edit: @escaping @Sendable (inout [String: JSONValue]) -> Void) {
                direct[member] = { output, indent in
                    guard case .object(var members) = value() else { return value().write(into: &output, indent: indent) }
                    edit(&members)
                    JSONValue.object(members).write(into: &output, indent: indent)
                }
            }
            let sources = Dictionary(uniqueKeysWithValues: jsonSections.map { ($0.key, $0.value) })
            if hides("basic.renewal") { direct["renewals"] = { JSONValue.object([:]).write(into: &$0, indent: $1) } }
            if Self.terminalSources.contains(where: hides), let terminals = sources["terminals"] {
                replacing("terminals", in: terminals) { $0["groups"] = .array([]) }
            }
            if Self.consolidationSources.contains(where: hides), let consolidation = sources["consolidation"] {
                replacing("consolidation", in: consolidation) { members in
                    for key in ["candidates", "assumed", "unplaceable"] { members[key] = .array([]) }
                    members["hosts"] = .array([])
                }
            }
            if !maintenanceSystems, let costs = sources["costs"] {
                // A department or category of one system would show that system's money.
                replacing("costs", in: costs) {
                    $0["by_department"] = .object([:])
                    $0["by_category"] = .object([:])
                }
            }
            let rows = hides("usage.disaster_tasks") ? [] : disasterTable.map { row in
                JSONValue.object(["task": .string(row.task), "kind": .string(row.kind?.token), "target": .string(row.target?.token),
                                  "system": .string(row.system)].filter { $0.key == "system" || !hides("usage.disaster_tasks." + $0.key) })
            }
            direct["disaster_table"] = { JSONValue.array(rows).write(into: &$0, indent: $1) }
        }
        var writers = jsonMembers.map { member -> (key: String, write: @Sendable (inout [UInt8], Int) -> Void) in
            if let write = direct[member.key] { return (member.key, write) }
            let value = member.value
            return (member.key, { value().write(into: &$0, indent: $1) })
        }
        if let showsGap, let after = writers.firstIndex(where: { $0.key == "gaps" }) {
            // Sorted, the key comes straight after `gaps`.
            let withheld = GapAnalysis.Code.allCases.filter { !showsGap($0) }.map(\.rawValue).sorted()
            writers.insert(("gaps_withheld", { JSONValue.writeStrings(withheld, indent: $1, into: &$0) }), at: after + 1)
        }
        return writers
    }

    /// The ledger fields the server consolidation plan is worked out from.
    public static let consolidationSources = ["hardware.servers", "hardware.servers.count", "hardware.servers.virtual",
                                              "hardware.servers.cores", "hardware.servers.memory_gb", "hardware.servers.storage_gb",
                                              "usage.form"]
    /// The ledger fields the terminal groups are worked out from.
    public static let terminalSources = ["hardware.terminals", "hardware.terminals.group", "hardware.terminals.dedicated"]

    /// `json`'s top-level members in the order it writes them, each made when asked for: a build
    /// writes them one at a time (see `jsonWriters`), so that the whole tree of a national
    /// inventory's analysis (over a hundred megabytes of small values) is never held.
    public var jsonMembers: [(key: String, value: @Sendable () -> JSONValue)] {
        let sections = jsonSections
        let order = JSONValue.sortedKeys(sections.map(\.key))
        let byKey = Dictionary(uniqueKeysWithValues: sections.map { ($0.key, $0.value) })
        return order.compactMap { key in byKey[key].map { (key, $0) } }
    }

    private var jsonSections: [(key: String, value: @Sendable () -> JSONValue)] {
        [
            ("schema", { .int(1) }),
            ("organization", { .object([
                "name": .string(organization.name), "code": .string(organization.code),
                "population": .int(organization.population), "fiscal_year": .int(organization.fiscalYear),
            ]) }),
            ("systems", { .int(systemCount) }),
            ("distributions", { distributions.json }),
            ("maintenance", { maintenance.json }),
            ("consolidation", { consolidation.json }),
            ("terminals", { terminals.json }),
            ("gaps", { .object(Dictionary(uniqueKeysWithValues: GapAnalysis.Code.allCases.map {
                ($0.rawValue, JSONValue.strings(gaps.byCode[$0] ?? []))
            })) }),
            ("system_gaps", { .object(gaps.bySystem.mapValues { .strings($0.map(\.rawValue)) }) }),
            ("costs", { costs.json }),
            ("renewals", { .object(Dictionary(uniqueKeysWithValues: renewals.map { (String($0.key), JSONValue.strings($0.value)) })) }),
            ("disaster_table", { .array(disasterTable.map {
                .object(["task": .string($0.task), "kind": .string($0.kind?.token), "target": .string($0.target?.token),
                         "system": .string($0.system)])
            }) }),
            ("completeness", { .object([
                "overall": .decimal(completeness.overall),
                "systems": .object(completeness.systems.mapValues { .decimal($0) }),
                "departments": .object(completeness.departments.mapValues { .decimal($0) }),
                "missing": .object(completeness.missing.mapValues(JSONValue.strings)),
            ]) }),
            ("excluded", { .strings(excluded) }),
        ]
    }
}

extension EnumDistribution {
    var json: JSONValue {
        .object([
            "answered": .int(answered), "unanswered": .int(unanswered),
            "counts": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.token, JSONValue.int($0.count)) })),
            "shares": .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.token, JSONValue.decimal(share(of: $0.token))) })),
        ])
    }
}

extension Distributions {
    var json: JSONValue {
        .object([
            "usage_form": usageForm.json, "location": location.json,
            "management_structure": managementStructure.json, "dependency": dependency.json,
            "users": .object([
                "answered": .int(users.answered),
                "counts": .object(["org_wide": .int(users.orgWide), "broad": .int(users.broad),
                                   "specialized": .int(users.specialized)]),
            ]),
            "servers": .object(Dictionary(uniqueKeysWithValues: servers.map { (String($0.key), JSONValue.int($0.value)) })),
        ])
    }
}

extension MaintenanceAnalysis {
    var json: JSONValue {
        .object([
            "period_years": .int(periodYears), "reference_ratio": .decimal(referenceRatio), "low_ratio": .decimal(lowRatio),
            "systems": .array(systems.map {
                .object([
                    "id": .string($0.id), "initial": .int($0.initial), "om_period": .int($0.omPeriod),
                    "ratio": .decimal($0.ratio), "share": .decimal($0.share), "flag": .string($0.flag.rawValue),
                    "lifecycle_cost": .int($0.lifecycleCost), "annual_equivalent": .int($0.annualEquivalent),
                ])
            }),
            "flags": .object(Dictionary(uniqueKeysWithValues: Flag.allCases.map { ($0.rawValue, JSONValue.strings(ids(flagged: $0))) })),
        ])
    }
}

extension MaintenanceAnalysis {
    /// `json` written as `JSONValue.write` writes it at `indent`, the systems straight from their
    /// fields (their keys in sorted order below).
    func writeJSON(into output: inout [UInt8], indent: Int, systems includeSystems: Bool = true) {
        func key(_ name: String, _ level: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            JSONValue.pad(level, into: &bytes)
            JSONValue.escape(name, into: &bytes)
            return bytes + [0x3A, 0x20]
        }
        func number(_ value: Int?, _ output: inout [UInt8]) {
            if let value { JSONValue.appendInteger(value, into: &output) } else { output += JSONValue.nullBytes }
        }
        func decimal(_ value: Exact?, _ output: inout [UInt8]) {
            if let value { value.appendDecimal(places: 4, into: &output) } else { output += JSONValue.nullBytes }
        }
        func systemList(_ output: inout [UInt8], _ indent: Int) {
            let listed = includeSystems ? systems : []
            let separator: [UInt8] = [0x2C, 0x0A]
            let item = indent + 2, field = indent + 4
            // Each line's indentation and key, made once for all the systems.
            let open = key("annual_equivalent", field), flag = separator + key("flag", field), id = separator + key("id", field),
                initial = separator + key("initial", field), lifecycle = separator + key("lifecycle_cost", field),
                omPeriod = separator + key("om_period", field), ratio = separator + key("ratio", field),
                share = separator + key("share", field)
            var close: [UInt8] = [0x0A]
            JSONValue.pad(item, into: &close)
            close.append(0x7D)
            JSONValue.writeList(listed, oneLine: false, indent: indent, into: &output) { system, output, _ in
                output += [0x7B, 0x0A]
                output += open
                number(system.annualEquivalent, &output)
                output += flag
                JSONValue.escape(system.flag.rawValue, into: &output)
                output += id
                JSONValue.escape(system.id, into: &output)
                output += initial
                number(system.initial, &output)
                output += lifecycle
                number(system.lifecycleCost, &output)
                output += omPeriod
                number(system.omPeriod, &output)
                output += ratio
                decimal(system.ratio, &output)
                output += share
                decimal(system.share, &output)
                output += close
            }
        }
        var flagged: [String: [String]] = Dictionary(uniqueKeysWithValues: Flag.allCases.map { ($0.rawValue, []) })
        for system in systems where includeSystems { flagged[system.flag.rawValue, default: []].append(system.id) }
        let members: [String: (inout [UInt8], Int) -> Void] = [
            "flags": { JSONValue.writeStringLists(flagged, indent: $1, into: &$0) },
            "low_ratio": { output, _ in decimal(lowRatio, &output) },
            "period_years": { output, _ in number(periodYears, &output) },
            "reference_ratio": { output, _ in decimal(referenceRatio, &output) },
            "systems": systemList,
        ]
        JSONValue.writeObject(JSONValue.sortedMembers(members), indent: indent, into: &output) { $0(&$1, $2) }
    }
}

extension ConsolidationPlan {
    var json: JSONValue {
        .object([
            "candidates": .strings(candidates), "assumed": .strings(assumed), "unplaceable": .strings(unplaceable),
            "hosts": .array(hosts.map(JSONValue.strings)),
            "hosts_used": .int(hostsUsed), "spare_hosts": .int(spareHosts), "hosts_total": .int(hostsTotal),
            "lower_bound": .int(lowerBound), "physical_before": .int(physicalBefore), "physical_after": .int(physicalAfter),
        ])
    }
}

extension TerminalAnalysis {
    var json: JSONValue {
        .object([
            "types": .int(types), "total": .int(total),
            "groups": .array(groups.map {
                .object(["group": .string($0.group), "systems": .strings($0.systems), "count": .int($0.count)])
            }),
            "spares_dedicated": .int(sparesDedicated), "spares_common": .int(sparesCommon),
        ])
    }
}

extension CostAnalysis {
    var json: JSONValue {
        func totals(_ value: Totals) -> JSONValue {
            .object(["initial": .int(value.initial), "annual": .int(value.annual),
                     "annual_equivalent": .int(value.annualEquivalent)])
        }
        return .object([
            "totals": totals(self.totals),
            "per_resident": .int(perResident),
            "by_department": .object(byDepartment.mapValues(totals)),
            "by_category": .object(byCategory.mapValues(totals)),
            "reference": .object([
                "overall": .int(NationalReference.overall),
                "band": .string(reference?.band.ja),
                "band_per_resident": .int(reference?.yen),
                "note": .string(NationalReference.note.ja),
            ]),
        ])
    }
}
