@testable import DaichoCore
import Testing

/// Ledger text put into the Markdown documents cannot become Markdown.
struct MarkdownTextTests {
    @Test func examples() {
        // A combining mark after `[` makes one Character that is not "[": its byte is escaped all the same.
        #expect(MarkdownText.escape("[\u{0338}x](javascript:alert(1))") == "\\[\u{0338}x\\](javascript:alert(1))")
        #expect(MarkdownText.escape("*\u{0301}強調*\u{0301}") == "\\*\u{0301}強調\\*\u{0301}")
        #expect(MarkdownText.escape("行1\r\n行2\r行3\n\n行4") == "行1 行2 行3  行4")
        #expect(MarkdownText.escape("（株）日本") == "（株）日本")
    }

    /// A value that begins like a list item would nest a list where a template starts a line with
    /// it: its marker is escaped, and only then (`-3`, `1.5`, `2026年` are left as typed).
    @Test func aLeadingListMarkerIsEscaped() {
        #expect(MarkdownText.escape("- リスト") == "\\- リスト")
        #expect(MarkdownText.escape("+ 項目") == "\\+ 項目")
        #expect(MarkdownText.escape("12. 手順") == "12\\. 手順")
        #expect(MarkdownText.escape("3) 手順") == "3\\) 手順")
        #expect(MarkdownText.escape("  -") == "  \\-")
        #expect(MarkdownText.escape("\n- 改行の後") == " \\- 改行の後")
        for plain in ["-3", "1.5", "2026年", "a - b", "+81-3"] {
            #expect(MarkdownText.escape(plain) == plain, "\(plain)")
        }
        #expect(MarkdownText.escape("-") == "\\-")
        #expect(MarkdownText.escape("1.") == "1\\.")
    }

    /// A value that would be a rule, a code block or emphasis where a template puts it (a list
    /// item, the start of a line) is escaped; `_` between ASCII letters and indentation under four
    /// spaces are left as typed.
    @Test func rulesCodeAndEmphasisAreEscaped() {
        #expect(MarkdownText.escape("---") == "\\---")
        #expect(MarkdownText.escape(" - - -") == " \\- - -")
        #expect(MarkdownText.escape("___") == "\\_\\_\\_")
        #expect(MarkdownText.escape("_強調_ テキスト") == "\\_強調\\_ テキスト")
        #expect(MarkdownText.escape("a _b_") == "a \\_b\\_")
        #expect(MarkdownText.escape("    字下げ") == "字下げ")
        #expect(MarkdownText.escape("\t字下げ") == "字下げ")
        #expect(MarkdownText.escape("\n\n\n\n字下げ") == "字下げ")
        for plain in ["Shift_JIS", "a_1_b", "--", "-- x", "---x", "   3 spaces", "a---"] {
            #expect(MarkdownText.escape(plain) == plain, "\(plain)")
        }
    }

    /// Escaping walks the places to escape with the bytes: a long value of many `_` is linear
    /// (a lookup per byte made a megabyte of them take minutes). Each `_` here is escaped.
    @Test func longValuesOfManyUnderscores() {
        let text = String(repeating: "a_ ", count: 200_000)
        #expect(MarkdownText.escape(text).utf8.count == text.utf8.count + 200_000)
        let links = String(repeating: "a_://b ", count: 100_000)
        #expect(MarkdownText.escape(links).utf8.count == links.utf8.count + 200_000)
    }

    /// Property, on random text of the special characters, combining marks, Japanese, and line
    /// breaks: every special byte in the result is escaped, no line break is left, and taking the
    /// escapes out gives the text back with each break (CRLF, CR or LF) as one space.
    @Test func nothingSpecialIsLeft() {
        var random = SplitMix(seed: 17)
        let alphabet: [Unicode.Scalar] = ["\\", "`", "*", "[", "]", "<", ">", "|", "#", "!", "~", "&", "\n", "\r",
                                          "\u{0338}", "\u{0301}", "\u{FE0F}", "台", "（", "a", " ", "_", "-", "\t"]
        let special = Set("\\`*[]<>|#!~&".utf8)
        // Escaped where they could be Markdown, not always: an escape before them is taken out too.
        let sometimes = Set("_-".utf8)
        var changed = 0
        for _ in 0..<3_000 {
            let text = random.text(from: alphabet, lengthBelow: 14)
            let escaped = Array(MarkdownText.escape(text).utf8)
            var unescaped: [UInt8] = []
            var index = 0
            while index < escaped.count {
                let byte = escaped[index]
                #expect(byte != 0x0A && byte != 0x0D, "\(text.unicodeScalars.map(\.value))")
                if byte == 0x5C, index + 1 < escaped.count, special.contains(escaped[index + 1]) || sometimes.contains(escaped[index + 1]) {
                    unescaped.append(escaped[index + 1])
                    index += 2
                    continue
                }
                #expect(!special.contains(byte), "unescaped \(byte) in \(text.unicodeScalars.map(\.value))")
                // A `_` left as it is stands between two letters or digits (none in this alphabet but `a`).
                if byte == 0x5F {
                    let before = index > 0 ? escaped[index - 1] : 0, after = index + 1 < escaped.count ? escaped[index + 1] : 0
                    #expect(before == UInt8(ascii: "a") && after == UInt8(ascii: "a"), "bare _ in \(text.unicodeScalars.map(\.value))")
                }
                unescaped.append(byte)
                index += 1
            }
            // The text with each break (CRLF, CR or LF) as one space, and indentation of four or
            // more (a tab counts four) dropped: it made a code block.
            var breaksAsSpaces: [UInt8] = []
            var afterCarriageReturn = false
            for byte in text.utf8 {
                if byte == 0x0A, afterCarriageReturn { afterCarriageReturn = false; continue }
                breaksAsSpaces.append(byte == 0x0A || byte == 0x0D ? 0x20 : byte)
                afterCarriageReturn = byte == 0x0D
            }
            let indentation = breaksAsSpaces.prefix { $0 == 0x20 || $0 == 0x09 }
            if indentation.reduce(0, { $0 + ($1 == 0x09 ? 4 : 1) }) >= 4 { breaksAsSpaces.removeFirst(indentation.count) }
            #expect(unescaped == breaksAsSpaces, "\(text.unicodeScalars.map(\.value))")
            if escaped != Array(text.utf8) { changed += 1 }
        }
        #expect(changed > 2_000)  // most texts had something to escape: not only the fast path was tried
    }
}

struct MarkdownTablesTests {
    @Test func countsColumnsTimesRows() {
        // 3 columns: header, delimiter and 2 rows → 12 cells; the blank line ends the table.
        let text = "説明\n\n| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n| 4 |\n\nあと"
        #expect(MarkdownTables.cells(in: text) == 12)
        // Without outer pipes, and two tables.
        #expect(MarkdownTables.cells(in: "a | b\n- | -\n1 | 2\n\nx|y|z\n-|-|-\n") == 6 + 6)
        // A delimiter row needs a header line above it and a pipe; dashes alone are a rule.
        #expect(MarkdownTables.cells(in: "|---|---|\n| 1 | 2 |") == 0)
        #expect(MarkdownTables.cells(in: "見出し\n---\n本文") == 0)
        #expect(MarkdownTables.cells(in: "no table | here") == 0)
    }

    /// The hostile case: a wide header and many one-cell rows, each padded to the header's width.
    @Test func aWideHeaderWithManyRowsIsLarge() {
        let header = "|" + String(repeating: " h |", count: 500) + "\n|" + String(repeating: "-|", count: 500) + "\n"
        let text = header + String(repeating: "x\n", count: 100)
        // 500 × (2 + 100) = 51,000, counting stops soon after the limit.
        #expect(MarkdownTables.cells(in: text) > MarkdownTables.maxCells)
        #expect(MarkdownTables.cells(in: header + "x\n") == 1_500)
    }

    @Test func aLedgerWithATooLargeTableIsAnError() {
        let wide = "|" + String(repeating: " h |", count: 100) + "\\n|" + String(repeating: "-|", count: 100) + "\\n" + String(repeating: "x\\n", count: 60)
        let result = parseLedger(minimalLedger(extra: "  purpose: \"\(wide)\""))
        #expect(result.diagnostics.with(.outOfRange).map(\.fieldPath) == ["basic.purpose"])
        let small = "| a | b |\\n|---|---|\\n| 1 | 2 |\\n"
        #expect(parseLedger(minimalLedger(extra: "  purpose: \"\(small)\"")).diagnostics.with(.outOfRange).isEmpty)
    }
}

/// A ledger's headings go below the section the text is placed in.
struct MarkdownHeadingsTests {
    @Test func headingsGoDeeper() {
        #expect(MarkdownHeadings.demoting("# 目的\n本文", by: 3) == "#### 目的\n本文")
        #expect(MarkdownHeadings.demoting("### 小\n#### 更に", by: 3) == "###### 小\n###### 更に")
        // Underlined headings become `#` ones, with every line of their paragraph.
        #expect(MarkdownHeadings.demoting("前文\n\n一行目\n二行目\n===\n本文", by: 2) == "前文\n\n### 一行目 二行目\n本文")
        #expect(MarkdownHeadings.demoting("節\n---", by: 2) == "#### 節")
        // A rule after a blank line, a table's delimiter row, a list item: not headings.
        #expect(MarkdownHeadings.demoting("a\n\n---\nb", by: 2) == "a\n\n---\nb")
        #expect(MarkdownHeadings.demoting("| a | b |\n|---|---|\n| 1 | 2 |", by: 3) == "| a | b |\n|---|---|\n| 1 | 2 |")
        #expect(MarkdownHeadings.demoting("- 項目\n---", by: 3) == "- 項目\n---")
        // Inside code, and `#` without a space (a tag), nothing moves.
        #expect(MarkdownHeadings.demoting("```\n# code\n```\n#タグ", by: 3) == "```\n# code\n```\n#タグ")
        #expect(MarkdownHeadings.demoting("本文だけ", by: 3) == "本文だけ")
    }

    /// Code fences as CommonMark (and so cmark-gfm) reads them: a closing fence may end in spaces,
    /// must be as long as the opening one, and a backtick line whose info string has a backtick
    /// opens nothing. (The comments of a draft use the same rule: `MarkdownFence`.)
    @Test func codeIsWhatCommonMarkCallsCode() {
        // Closed by a fence with trailing spaces: the heading after it moves down.
        #expect(MarkdownHeadings.demoting("```\n# code\n```  \n# 後", by: 2) == "```\n# code\n```  \n### 後")
        // A shorter run does not close a longer fence; tildes do not close backticks.
        #expect(MarkdownHeadings.demoting("````\n```\n~~~~\n# code\n````\n# 後", by: 1) == "````\n```\n~~~~\n# code\n````\n## 後")
        // ``` with a backtick after it is text, not a fence.
        #expect(MarkdownHeadings.demoting("```a`b\n# 見出し", by: 1) == "```a`b\n## 見出し")
        // Four spaces in: indented code's, not a fence.
        #expect(MarkdownHeadings.demoting("    ```\n# 見出し", by: 1) == "    ```\n## 見出し")
        #expect(MarkdownFence.opened(by: Array("  ~~~ yaml".utf8)) == MarkdownFence(mark: UInt8(ascii: "~"), length: 3))
        #expect(MarkdownFence(mark: UInt8(ascii: "`"), length: 4).isClosed(by: Array("`````\t\r".utf8)))
        #expect(!MarkdownFence(mark: UInt8(ascii: "`"), length: 3).isClosed(by: Array("``` x".utf8)))
    }

    /// No heading of a text placed at level 3 stays at level 1 or 2.
    @Test func theRenderedTextHasNoHeadingAboveItsPlace() {
        let text = "# 一\n\n二\n==\n\n## 三\n\n四\n--"
        let html = MarkdownHeadings.demoting(text, by: 3)
        #expect(!html.contains("\n# ") && !html.hasPrefix("# ") && html.contains("#### 一") && html.contains("#### 二") && html.contains("##### 三")
                && html.contains("##### 四"))
    }
}
