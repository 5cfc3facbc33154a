import DaichoCore
@testable import DaichoRender
import DaichoSite
import Foundation
import Testing

/// Every page type of a small project, against golden files.
@Suite struct SiteGoldenTests {
    @Test func everyPageTypeMatchesItsGoldenFile() async throws {
        let site = try await buildSite(Paths.fixture("small"))
        let department = try #require(site.htmlPaths.first { $0.hasPrefix("departments/d-") })
        let vendor = try #require(site.htmlPaths.first { $0.hasPrefix("vendors/v-") })
        let pages = [
            "index.html", "systems/index.html", "systems/juki/index.html", "systems/denshi-shinsei/index.html",
            "departments/index.html", department, "vendors/index.html", vendor, "analysis/index.html",
            "analysis/distributions.html", "analysis/maintenance.html", "analysis/consolidation.html", "analysis/terminals.html",
            "analysis/gaps.html", "analysis/disaster.html", "analysis/renewals.html", "analysis/integrations.html",
            "search/index.html", "data/index.html", "404.html", "sitemap.xml", "data/systems.json", "data/analysis.json",
            "assets/search-index.js",
        ]
        for path in pages {
            let name = path.hasPrefix("departments/d-") ? "departments/one.html" : path.hasPrefix("vendors/v-") ? "vendors/one.html" : path
            try assertSnapshot(site.text(path), "small/" + name)
        }
        // The byte-order mark is checked in csvOpensInExcel; text files drop it when read back.
        try assertSnapshot(String(decoding: (site["data/systems.csv"] ?? []).dropFirst(3), as: UTF8.self), "small/data/systems.csv")
    }

    @Test func englishPages() async throws {
        let site = try await buildSite(Paths.fixture("small"), options: SiteOptions(language: .en))
        try assertSnapshot(site.text("systems/juki/index.html"), "small-en/systems/juki/index.html")
        try assertSnapshot(site.text("index.html"), "small-en/index.html")
        #expect(site.text("index.html").contains("<html lang=\"en\""))
    }

    @Test func buildsAreByteIdentical() async throws {
        let first = try await buildSite(Paths.fixture("small"))
        let second = try await buildSite(Paths.fixture("small"))
        #expect(first == second)
        let serial = try await SiteBuilderHarness.build(Paths.fixture("small"), workers: 1)
        #expect(serial == first)
    }

    @Test func csvOpensInExcel() async throws {
        let csv = try await buildSite(Paths.fixture("small"))["data/systems.csv"] ?? []
        #expect(csv.prefix(3) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("ID,システム名称,所管課,"))
        #expect(text.contains("\r\n"))
        // 4 systems + the header, each ending in CRLF.
        #expect(text.components(separatedBy: "\r\n").count == 6)
    }

    @Test func csvQuotingFollowsRFC4180() {
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("line\nbreak") == "\"line\nbreak\"")
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("=1+1") == "'=1+1")
        #expect(CSV.field("-12") == "-12")
        #expect(CSV.field("\t=1+1") == "'\t=1+1")
        #expect(CSV.field("\r=1+1") == "\"'\r=1+1\"")
        // A combining mark after the comma, quote or `=` does not hide it (it is one Character with it).
        #expect(CSV.field("a,\u{0301}b") == "\"a,\u{0301}b\"")
        #expect(CSV.field("\"\u{0338}x") == "\"\"\"\u{0338}x\"")
        #expect(CSV.field("=\u{0301}HYPERLINK(1)") == "'=\u{0301}HYPERLINK(1)")
        #expect(CSV.field("行1\r\n行2") == "\"行1\r\n行2\"")
    }

    /// Property: reading a field back as RFC 4180 gives the text (with the apostrophe before a
    /// leading formula character), on random text of commas, quotes, breaks, combining marks and Japanese.
    @Test func csvFieldsReadBack() {
        var random = SplitMix(seed: 23)
        let alphabet: [Unicode.Scalar] = [",", "\"", "\n", "\r", "\t", "=", "+", "-", "@", "\u{0301}", "\u{0338}", "台", "a", "1", " "]
        for _ in 0..<3_000 {
            let text = random.text(from: alphabet, lengthBelow: 10)
            let field = Array(CSV.field(text).utf8)
            var read: [UInt8] = []
            if field.first == 0x22 {
                #expect(field.count >= 2 && field.last == 0x22)
                var index = 1
                while index < field.count - 1 {
                    if field[index] == 0x22 {
                        #expect(field[index + 1] == 0x22, "lone quote in \(text.unicodeScalars.map(\.value))")
                        index += 1
                    }
                    read.append(field[index])
                    index += 1
                }
            } else {
                #expect(!field.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }, "\(text.unicodeScalars.map(\.value))")
                read = field
            }
            let formula = text.utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } ?? false
            let expected = (formula && Int(text) == nil ? [0x27] : []) + Array(text.utf8)
            #expect(read == expected, "\(text.unicodeScalars.map(\.value))")
        }
    }
}

enum SiteBuilderHarness {
    static func build(_ project: String, workers: Int) async throws -> [String: [UInt8]] {
        let site = MemorySite()
        _ = try await SiteBuilder(options: SiteOptions(batchSize: 1), templatesOverride: Paths.templates, workers: workers)
            .build(project: project, into: site)
        return await site.pages
    }
}
