/// The binary form of the ledger model for the parsed-ledger cache (see `BinaryRecord`):
/// every stored property, in declaration order.

extension Ledger: BinaryRecord {
    public func write(to writer: inout BinaryWriter) { fields.write(to: &writer) }
    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self.init(try Fields(from: &reader)) }
}

extension Ledger.Fields: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(id)
        writer.put(file)
        writer.put(basic)
        writer.put(costs)
        writer.put(management)
        writer.put(usage)
        writer.put(hardware)
        writer.put(software)
        writer.put(operation)
        writer.put(network)
        writer.put(integrations)
        writer.put(personalData)
        writer.put(antivirus)
        writer.put(security)
        writer.put(vendor)
        writer.put(bcp)
        writer.put(bcpOperator)
        writer.put(bcpOthers)
        writer.put(issues)
        writer.put(notes)
        writer.put(extra)
        writer.put(completeness)
        writer.put(sourceMap)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        id = try reader.get()
        file = try reader.get()
        basic = try reader.get()
        costs = try reader.get()
        management = try reader.get()
        usage = try reader.get()
        hardware = try reader.get()
        software = try reader.get()
        operation = try reader.get()
        network = try reader.get()
        integrations = try reader.get()
        personalData = try reader.get()
        antivirus = try reader.get()
        security = try reader.get()
        vendor = try reader.get()
        bcp = try reader.get()
        bcpOperator = try reader.get()
        bcpOthers = try reader.get()
        issues = try reader.get()
        notes = try reader.get()
        extra = try reader.get()
        completeness = try reader.get()
        sourceMap = try reader.get()
    }
}

extension Basic: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(name)
        writer.put(department)
        writer.put(category)
        writer.put(purpose)
        writer.put(business)
        writer.put(development)
        writer.put(product)
        writer.put(inService)
        writer.put(renewal)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        name = try reader.get()
        department = try reader.get()
        category = try reader.get()
        purpose = try reader.get()
        business = try reader.get()
        development = try reader.get()
        product = try reader.get()
        inService = try reader.get()
        renewal = try reader.get()
    }
}

extension Costs: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(unit)
        writer.put(hardware)
        writer.put(software)
        writer.put(construction)
        writer.put(migration)
        writer.put(maintenance)
        writer.put(service)
        writer.put(other)
        writer.put(lines)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        unit = try reader.get()
        hardware = try reader.get()
        software = try reader.get()
        construction = try reader.get()
        migration = try reader.get()
        maintenance = try reader.get()
        service = try reader.get()
        other = try reader.get()
        lines = try reader.get()
    }
}

extension CostLine: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(name)
        writer.put(kind)
        writer.put(unitPrice)
        writer.put(quantity)
        writer.put(unit)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        name = try reader.get()
        kind = try reader.get()
        unitPrice = try reader.get()
        quantity = try reader.get()
        unit = try reader.get()
    }
}

extension Management: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(structure)
        writer.put(staffSEWork)
        writer.put(remoteMonitoring)
        writer.put(annualReport)
        writer.put(designDocs)
        writer.put(manualCurrent)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        structure = try reader.get()
        staffSEWork = try reader.get()
        remoteMonitoring = try reader.get()
        annualReport = try reader.get()
        designDocs = try reader.get()
        manualCurrent = try reader.get()
    }
}

extension Usage: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(users)
        writer.put(concurrentUsers)
        writer.put(form)
        writer.put(dependency)
        writer.put(disasterTasks)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        users = try reader.get()
        concurrentUsers = try reader.get()
        form = try reader.get()
        dependency = try reader.get()
        disasterTasks = try reader.get()
    }
}

extension DisasterTask: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(task)
        writer.put(kind)
        writer.put(target)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        task = try reader.get()
        kind = try reader.get()
        target = try reader.get()
    }
}

extension Hardware: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(location)
        writer.put(seismic)
        writer.put(ups)
        writer.put(servers)
        writer.put(terminals)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        location = try reader.get()
        seismic = try reader.get()
        ups = try reader.get()
        servers = try reader.get()
        terminals = try reader.get()
    }
}

extension Server: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(role)
        writer.put(count)
        writer.put(isVirtual)
        writer.put(cores)
        writer.put(memoryGB)
        writer.put(storageGB)
        writer.put(cpuPeakPercent)
        writer.put(acquired)
        writer.put(os)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        role = try reader.get()
        count = try reader.get()
        isVirtual = try reader.get()
        cores = try reader.get()
        memoryGB = try reader.get()
        storageGB = try reader.get()
        cpuPeakPercent = try reader.get()
        acquired = try reader.get()
        os = try reader.get()
    }
}

extension Terminals: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(dedicated)
        writer.put(group)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        dedicated = try reader.get()
        group = try reader.get()
    }
}

extension Software: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(os)
        writer.put(middleware)
        writer.put(customization)
        writer.put(customizationItems)
        writer.put(platformCompliant)
        writer.put(standardLayout)
        writer.put(euc)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        os = try reader.get()
        middleware = try reader.get()
        customization = try reader.get()
        customizationItems = try reader.get()
        platformCompliant = try reader.get()
        standardLayout = try reader.get()
        euc = try reader.get()
    }
}

extension Operation: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(hours)
        writer.put(backup)
        writer.put(emergencyManual)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        hours = try reader.get()
        backup = try reader.get()
        emergencyManual = try reader.get()
    }
}

extension Backup: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(frequency)
        writer.put(offsite)
        writer.put(generations)
        writer.put(media)
        writer.put(application)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        frequency = try reader.get()
        offsite = try reader.get()
        generations = try reader.get()
        media = try reader.get()
        application = try reader.get()
    }
}

extension Network: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(segments)
        writer.put(remoteMaintenance)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        segments = try reader.get()
        remoteMaintenance = try reader.get()
    }
}

extension Integration: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(target)
        writer.put(direction)
        writer.put(method)
        writer.put(timing)
        writer.put(data)
        writer.put(index)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        target = try reader.get()
        direction = try reader.get()
        method = try reader.get()
        timing = try reader.get()
        data = try reader.get()
        index = try reader.get()
    }
}

extension PersonalData: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(present)
        writer.put(mynumber)
        writer.put(records)
        writer.put(pia)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        present = try reader.get()
        mynumber = try reader.get()
        records = try reader.get()
        pia = try reader.get()
    }
}

extension Antivirus: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(server)
        writer.put(client)
        writer.put(definitions)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        server = try reader.get()
        client = try reader.get()
        definitions = try reader.get()
    }
}

extension Security: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(authentication)
        writer.put(accessLog)
        writer.put(encryption)
        writer.put(audit)
        writer.put(notes)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        authentication = try reader.get()
        accessLog = try reader.get()
        encryption = try reader.get()
        audit = try reader.get()
        notes = try reader.get()
    }
}

extension Vendor: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(developer)
        writer.put(maintainer)
        writer.put(supportBase)
        writer.put(travelMinutes)
        writer.put(contract)
        writer.put(contact)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        developer = try reader.get()
        maintainer = try reader.get()
        supportBase = try reader.get()
        travelMinutes = try reader.get()
        contract = try reader.get()
        contact = try reader.get()
    }
}

extension Contract: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(kind)
        writer.put(start)
        writer.put(end)
        writer.put(sla)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        kind = try reader.get()
        start = try reader.get()
        end = try reader.get()
        sla = try reader.get()
    }
}

extension Contact: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(name)
        writer.put(phone)
        writer.put(email)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        name = try reader.get()
        phone = try reader.get()
        email = try reader.get()
    }
}

extension BCP: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(inPlan)
        writer.put(rtoHours)
        writer.put(rpoHours)
        writer.put(drSite)
        writer.put(drills)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        inPlan = try reader.get()
        rtoHours = try reader.get()
        rpoHours = try reader.get()
        drSite = try reader.get()
        drills = try reader.get()
    }
}

extension BCPOperator: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(agreement)
        writer.put(contents)
        writer.put(responseHours)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        agreement = try reader.get()
        contents = try reader.get()
        responseHours = try reader.get()
    }
}

extension BCPAgreement: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(party)
        writer.put(agreement)
        writer.put(contents)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        party = try reader.get()
        agreement = try reader.get()
        contents = try reader.get()
    }
}

extension Issue: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(title)
        writer.put(detail)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        title = try reader.get()
        detail = try reader.get()
    }
}

extension Completeness: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(filled)
        writer.put(total)
        writer.put(missing)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        filled = try reader.get()
        total = try reader.get()
        missing = try reader.get()
    }
}

extension Integration.Target: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        switch self {
        case .system(let id):
            writer.put(false)
            writer.put(id)
        case .external(let name):
            writer.put(true)
            writer.put(name)
        }
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let external: Bool = try reader.get()
        let name: String = try reader.get()
        self = external ? .external(name) : .system(name)
    }
}

extension LedgerDate: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(year)
        writer.put(month)
        writer.put(day)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        year = try reader.get()
        month = try reader.get()
        day = try reader.get()
    }
}

extension Exact: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(numerator)
        writer.put(denominator)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let numerator: Int128 = try reader.get(), denominator: Int128 = try reader.get()
        guard denominator > 0 else { throw BinaryReader.Malformed() }
        self.init(numerator, denominator)
    }
}

extension ExtraField: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(key)
        writer.put(value)
        writer.put(plain)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        key = try reader.get()
        value = try reader.get()
        plain = try reader.get()
    }
}

/// Only the kept places travel; the YAML tree is never stored.
extension SourceMap: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(file)
        writer.putVarint(UInt64(places.count))
        for place in places {
            writer.put(place.key.kind)
            writer.put(place.key.index)
            writer.put(place.line)
            writer.put(place.column)
        }
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self.init(file: try reader.get())
        let count = try reader.count()
        places.reserveCapacity(count)
        for _ in 0..<count {
            let key = Key(kind: try reader.get(), index: try reader.get())
            places.append(Place(key: key, line: try reader.get(), column: try reader.get()))
        }
    }
}
