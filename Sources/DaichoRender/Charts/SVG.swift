import DaichoCore

/// Shared pieces of the inline-SVG charts: escaping, safe links, palette, text widths and the root element.
///
/// Every coordinate is an `Exact` printed with one decimal, so a chart is byte-identical on every run
/// and every machine; no binary floating point is involved anywhere.
enum SVG {
    /// The Okabe–Ito palette, safe for the common forms of colour blindness; a category indexes it modulo 8.
    static let palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"]

    /// Text colour with enough contrast on each palette colour (white only on the dark blue).
    static let paletteText = ["#222", "#222", "#222", "#222", "#fff", "#000", "#222", "#222"]

    static let textColor = "#222"
    static let axisColor = "#666"
    static let gridColor = "#e0e0e0"

    /// Pixels per width unit at the 13px label font: an ASCII character is one unit, any other two.
    static let pixelsPerUnit = Exact(7)

    /// Drawn in place of a chart with nothing to draw.
    static func emptyMessage(_ language: Language) -> String { language == .ja ? "データがありません" : "No data" }

    /// The palette colour for a category, wrapping around (negative categories too).
    static func color(_ category: Int) -> String { palette[paletteIndex(category)] }

    /// The readable text colour on `color(category)`.
    static func textColor(on category: Int) -> String { paletteText[paletteIndex(category)] }

    private static func paletteIndex(_ category: Int) -> Int {
        let count = palette.count
        return ((category % count) + count) % count
    }

    // MARK: Escaping and links

    /// XML-escapes text for element content and attribute values alike: the same as HTML.
    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// ` lang="…"` for a label in `language`, when given (see the charts' `labelLanguage`).
    static func lang(_ language: String?) -> String {
        language.map { " lang=\"\(escape($0))\"" } ?? ""
    }

    /// A link that may be emitted: relative, or with an `http`/`https` scheme; nil for anything else
    /// (`javascript:`, `data:`, `vbscript:`, `mailto:` …) and for an empty link.
    ///
    /// Browsers ignore tabs and line breaks inside a URL and leading or trailing spaces and controls,
    /// so the scheme is looked for after removing them, and the cleaned link is what is returned.
    static func safeLink(_ link: String?) -> String? {
        guard let link else { return nil }
        var cleaned = String(String.UnicodeScalarView(link.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }))
        while let first = cleaned.unicodeScalars.first, first.value <= 0x20 { cleaned.unicodeScalars.removeFirst() }
        while let last = cleaned.unicodeScalars.last, last.value <= 0x20 { cleaned.unicodeScalars.removeLast() }
        guard !cleaned.isEmpty else { return nil }
        // A scheme is whatever precedes the first ":" when no "/", "?" or "#" comes before it.
        for scalar in cleaned.unicodeScalars {
            if scalar == "/" || scalar == "?" || scalar == "#" { return cleaned }
            if scalar == ":" {
                let scheme = cleaned.prefix { $0 != ":" }.lowercased()
                return scheme == "http" || scheme == "https" ? cleaned : nil
            }
        }
        return cleaned
    }

    /// `<a href="…">` around `content` when the link is safe, else `content` alone.
    static func linked(_ content: String, to link: String?) -> String {
        guard let href = safeLink(link) else { return content }
        return "<a href=\"\(escape(href))\">\(content)</a>"
    }

    // MARK: Numbers and text width

    /// A coordinate or length with exactly one decimal (`200.0`).
    static func number(_ value: Exact) -> String { value.fixedString(places: 1) }

    /// `value` as a share of `maximum`, clamped to 0…1 and rounded to millionths so later
    /// arithmetic stays small; 0 when `maximum` is not positive.
    static func fraction(_ value: Exact, of maximum: Exact) -> Exact {
        guard Exact.zero < maximum, Exact.zero < value else { return .zero }
        guard value < maximum else { return .one }
        return ((value.rounded(places: 6) / maximum.rounded(places: 6)) ?? .zero).rounded(places: 6)
    }

    /// Half of a length.
    static func half(_ value: Exact) -> Exact { value * Exact(1, 2) }

    /// The estimated width of `text` in units: one per ASCII character, two per other character.
    static func units(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1.isASCII ? 1 : 2) }
    }

    /// The estimated width of `text` in pixels at the 13px label font.
    static func width(_ text: String) -> Exact { Exact(units(text)) * pixelsPerUnit }

    /// `text` cut so that it fits in `limit` units, ending with "…" (two units) when cut.
    static func truncate(_ text: String, units limit: Int) -> String {
        guard units(text) > limit else { return text }
        // Two units for the "…".
        return prefix(text, units: limit - 2) + "…"
    }

    /// The longest start of `text` that takes at most `limit` units.
    static func prefix(_ text: String, units limit: Int) -> String {
        var kept = ""
        var used = 0
        for character in text {
            let size = character.isASCII ? 1 : 2
            if used + size > limit { break }
            kept.append(character)
            used += size
        }
        return kept
    }

    /// `text` in at most `maxLines` lines of at most `limit` units each, the last ending in "…"
    /// when text is left over. A line breaks between any two characters, as Japanese does, but
    /// after a space rather than inside a Latin word when the line has one.
    static func wrap(_ text: String, units limit: Int, lines maxLines: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty, lines.count < maxLines {
            if lines.count == maxLines - 1 {
                let whole = String(rest)
                guard units(whole) > limit else {
                    lines.append(whole)
                    break
                }
                // Cut as `truncate` cuts, without a space before the "…".
                lines.append(String(prefix(whole, units: limit - 2).reversed().drop { $0 == " " }.reversed()) + "…")
                break
            }
            var line = Substring(prefix(String(rest), units: limit))
            guard !line.isEmpty else { break }
            let next = rest.dropFirst(line.count).first
            if let next, next != " ", line.last != " ", let last = line.lastIndex(of: " "), last > line.startIndex {
                line = line[...last]
            }
            rest = rest.dropFirst(line.count).drop { $0 == " " }
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        return lines
    }

    /// `text` cut to fit in `limit` units so that it shows the character at `start` (where it
    /// differs from a name that begins alike): its first two characters, "…", then from the one
    /// before `start` on, cut at the end when longer (「後期…療広域連…」).
    static func truncate(_ text: String, showing start: Int, units limit: Int) -> String {
        let characters = Array(text)
        let from = start - 1
        guard from > 2, from < characters.count, units(text) > limit else { return truncate(text, units: limit) }
        let head = String(characters[..<2])
        return head + "…" + truncate(String(characters[from...]), units: limit - units(head) - 2)
    }

    /// Each label cut to `limit` units as `truncate` cuts it, except that two different labels
    /// never come out the same: those show where they differ instead (`truncate(_:showing:units:)`),
    /// and any still alike are shown whole. Two systems of one name stay alike, as their names are.
    static func truncateDistinctly(_ labels: [String], units limit: Int) -> [String] {
        func clashes(_ shown: [String]) -> [String: Set<String>] {
            var sources: [String: Set<String>] = [:]
            for (label, cut) in zip(labels, shown) where cut != label { sources[cut, default: []].insert(label) }
            return sources.filter { $0.value.count > 1 }
        }
        var shown = labels.map { truncate($0, units: limit) }
        let first = clashes(shown)
        guard !first.isEmpty else { return shown }
        shown = zip(labels, shown).map { label, cut in
            guard let group = first[cut] else { return cut }
            // Where this label stops being like any other of its group.
            let start = group.filter { $0 != label }.map { other in zip(label, other).prefix { $0 == $1 }.count }.max() ?? 0
            return truncate(label, showing: start, units: limit)
        }
        let second = clashes(shown)
        return second.isEmpty ? shown : zip(labels, shown).map { second[$1] == nil ? $1 : $0 }
    }

    /// A `<text>` element, truncated to `limit` units with the full text kept in a `<title>` child when cut.
    static func text(_ content: String, x: Exact, y: Exact, anchor: String? = nil, limit: Int? = nil, attributes: String = "") -> String {
        let shown = limit.map { truncate(content, units: $0) } ?? content
        let title = shown == content ? "" : "<title>\(escape(content))</title>"
        let anchorAttribute = anchor.map { " text-anchor=\"\($0)\"" } ?? ""
        return "<text x=\"\(number(x))\" y=\"\(number(y))\"\(anchorAttribute)\(attributes)>\(title)\(escape(shown))</text>"
    }

    /// A vertical axis label, rotated to read bottom to top and centred on (`x`, `y`).
    static func verticalText(_ content: String, x: Exact, y: Exact, limit: Int) -> String {
        text(content, x: x, y: y, anchor: "middle", limit: limit,
             attributes: " transform=\"rotate(-90 \(number(x)) \(number(y)))\"")
    }

    /// A straight line.
    static func line(_ x1: Exact, _ y1: Exact, _ x2: Exact, _ y2: Exact, stroke: String, extra: String = "") -> String {
        "<line x1=\"\(number(x1))\" y1=\"\(number(y1))\" x2=\"\(number(x2))\" y2=\"\(number(y2))\" stroke=\"\(stroke)\"\(extra)/>"
    }

    /// Thousands separated with commas, at most six decimals (`1,200,000`, `0.25`, `-2.5`).
    static func tickLabel(_ value: Exact) -> String { YenFormat.grouped(value, places: 6) }

    // MARK: Document

    /// A stable identifier for a chart: FNV-1a 64-bit over the kind, title and description, in hex.
    static func identifier(kind: String, title: String, description: String) -> String {
        "chart-" + FNV.hex(FNV.hash64((kind + "\u{0}" + title + "\u{0}" + description).utf8))
    }

    /// The root `<svg>` with `<title>` and `<desc>` first, scaled by CSS through its viewBox only.
    /// A chart whose marks link to pages is a `group`, not an `img`: the parts of an image are
    /// hidden from screen readers, yet each link would still take the keyboard's focus.
    static func document(id: String, title: String, description: String, width: Exact, height: Exact, body: [String]) -> String {
        let role = body.contains { $0.contains("<a href=") } ? "group" : "img"
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width.ceiling) \(height.ceiling)\""
                + " preserveAspectRatio=\"xMinYMin meet\" role=\"\(role)\" aria-labelledby=\"\(id)-title \(id)-desc\""
                + " class=\"chart-svg\" font-family=\"sans-serif\" font-size=\"13\" fill=\"\(textColor)\">",
            "<title id=\"\(id)-title\">\(escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(escape(description))</desc>",
        ]
        lines += body
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// A small chart holding only a centred message, for empty data or a diagram too large to draw.
    static func message(_ text: String, id: String, title: String, description: String) -> String {
        let width = Exact(max(320, units(text) * 7 + 40))
        let height = Exact(48)
        return document(id: id, title: title, description: description, width: width, height: height, body: [
            SVG.text(text, x: half(width), y: Exact(28), anchor: "middle"),
        ])
    }
}
