extension Analyzer {
    func gaps(_ ledgers: [Ledger]) -> GapAnalysis {
        var byCode = Dictionary(uniqueKeysWithValues: GapAnalysis.Code.allCases.map { ($0, [String]()) })
        var bySystem: [String: [GapAnalysis.Code]] = [:]
        for ledger in ledgers {
            let codes = gaps(of: ledger)
            bySystem[ledger.id] = codes
            for code in codes { byCode[code, default: []].append(ledger.id) }
        }
        return GapAnalysis(byCode: byCode, bySystem: bySystem)
    }

    /// The gap codes of one ledger, in spec order. An absent field never raises a gap.
    func gaps(of ledger: Ledger) -> [GapAnalysis.Code] {
        var codes: [GapAnalysis.Code] = []
        let hardware = ledger.hardware
        if ledger.hasServersOnPremises {
            if ledger.operation?.backup?.frequency == BackupFrequency.none { codes.append(.noBackup) }
            if ledger.operation?.backup?.offsite == false { codes.append(.noOffsite) }
            if hardware?.seismic == false { codes.append(.notAnchored) }
        }
        if ledger.antivirus?.server == .notInstalled || ledger.antivirus?.client == .notInstalled {
            codes.append(.noAntivirus)
        }
        if ledger.operation?.emergencyManual == false { codes.append(.noEmergencyManual) }
        if ledger.usage?.dependency == .critical && ledger.bcpOperator?.agreement == false {
            codes.append(.noOperatorAgreement)
        }
        if ledger.vendor?.contract?.sla == false { codes.append(.noSLA) }
        if ledger.management?.annualReport == false { codes.append(.noAnnualReport) }
        if ledger.management?.designDocs == false { codes.append(.noDesignDocs) }
        if ledger.management?.staffSEWork == true { codes.append(.staffSEWork) }
        if let costs = ledger.costs, costs.lines.isEmpty { codes.append(.noCostBreakdown) }
        if let customization = ledger.software?.customization, customization == .module || customization == .source {
            codes.append(.customized)
        }
        if ledger.software?.standardLayout == false { codes.append(.noStandardLayout) }
        return codes
    }
}

extension Ledger {
    /// Physical servers in the town hall's server room or an office: the systems analysis-v1's
    /// backup and anchoring gaps concern, and the off-site backup KPI counts, so the two agree.
    public var hasServersOnPremises: Bool {
        (hardware?.location == .serverRoom || hardware?.location == .office) && (hardware?.physicalServers ?? 0) > 0
    }
}
