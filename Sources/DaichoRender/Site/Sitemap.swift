import DaichoCore

/// `sitemap.xml` of the HTML pages, under `site.base_url`.
enum Sitemap {
    /// What `xml` is made from, whatever the order of `paths`: a rebuild that adds or removes no
    /// page keeps the sitemap (sorting and writing 80,000 addresses took 16 ms of a 0.6 s one-ledger
    /// rebuild at 10,000 systems).
    static func key(paths: [String], baseURL: String) -> String {
        var sum: UInt64 = 0
        for var path in paths { sum &+= path.withUTF8 { Digest64.hash(UnsafeRawBufferPointer($0)) } }
        var key = PageKey()
        key.add(baseURL)
        key.add(paths.count)
        key.add(Int(bitPattern: UInt(sum)))
        return key.value
    }

    static func xml(paths: [String], baseURL: String) -> String {
        let base = percentEncoded(baseURL.hasSuffix("/") ? baseURL : baseURL + "/")
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        for path in ByteOrder.sorted(paths) where path.hasSuffix(".html") && path != "404.html" {
            lines.append("  <url><loc>\(HTML.escape(base + path))</loc></url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// An address with its bytes outside printable ASCII (a Japanese folder name, a space)
    /// percent-encoded, as a sitemap's addresses must be; what is ASCII already, `%` included, is
    /// kept.
    static func percentEncoded(_ address: String) -> String {
        var result = ""
        for byte in address.utf8 {
            if byte > 0x20 && byte < 0x7F {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
