import DaichoCore
import DaichoRender
import Foundation

/// Finds and reads a project's templates: `PROJECT/templates/`, else the templates that ship with Daicho.
public struct TemplateLoader: Sendable {
    public struct Loaded: Sendable {
        public var templates: TemplateSet
        public var assets: [String: [UInt8]]
        /// The folder they came from.
        public var folder: String
        /// A hash of every template and asset: a change to any means every page may change.
        public var fingerprint: String
    }

    public init() {}

    /// - Parameter override: a folder given with `--templates`.
    public func load(project: String, override: String? = nil) throws(TemplateLoadError) -> Loaded {
        guard let folder = Self.locate(project: project, override: override) else { throw Self.notFound(project: project, override: override) }
        return try load(from: folder)
    }

    /// The templates of `folder`, found by `locate`.
    func load(from folder: String) throws(TemplateLoadError) -> Loaded {
        var sources: [TemplateSource] = []
        // Templates that cannot be read (saved in Shift_JIS), reported with the syntax errors of
        // the others: one build names every problem.
        var unreadable: [TemplateError] = []
        let fileManager = FileManager.default
        for (subfolder, suffix, kind) in [("layouts", ".mustache", TemplateSource.Kind.html),
                                          ("procurement", ".md", .markdown), ("guidelines", ".md", .markdown)] {
            let directory = ProjectLoader.join(folder, subfolder)
            for name in ((try? fileManager.contentsOfDirectory(atPath: directory)) ?? []).sorted()
            where name.hasSuffix(suffix) && !name.hasPrefix(".") {
                let path = ProjectLoader.join(directory, name)
                guard let data = fileManager.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    unreadable.append(TemplateError(
                        template: path, line: 1, column: 1, key: "",
                        message: LocalizedText(ja: "テンプレートを UTF-8 として読めません（Shift_JIS などで保存されています）",
                                               en: "the template cannot be read as UTF-8 (saved in another encoding)"),
                        hint: LocalizedText(ja: "文字コードを UTF-8 にして保存し直してください", en: "save it again as UTF-8")))
                    continue
                }
                let base = String(name.dropLast(suffix.count))
                sources.append(TemplateSource(name: subfolder == "layouts" ? base : subfolder + "/" + base, path: path,
                                              text: text, kind: kind))
            }
        }
        // A templates folder is used whole or not at all: one with a layout missing (renamed while
        // being edited) is refused by name, not replaced by the shipped folder without a word.
        if !unreadable.isEmpty {
            // The others are still read, for their own problems.
            var problems = unreadable
            do { _ = try TemplateSet(sources) } catch { problems.append(error) }
            if let combined = TemplateError.combining(problems) { throw .template(combined) }
        }
        let missing = Self.requiredLayouts.filter { name in !sources.contains { $0.kind == .html && $0.name == name } }
        if !missing.isEmpty {
            throw .missingLayouts(folder: ProjectLoader.join(folder, "layouts"), names: missing.map { $0 + ".mustache" })
        }
        let assetFolder = ProjectLoader.join(folder, "assets")
        let assets = Self.assets(in: assetFolder)
        // A layout that links a file of `assets/` the folder lacks (a templates folder copied in
        // part) would build a site without its style sheet or scripts, and say nothing.
        // (The search page's script is added by the build, not named in its layout.)
        // Every missing file is named at once, each with the first layout that links it.
        var missingAssets: [(template: String, asset: String)] = []
        for source in sources where source.kind == .html {
            for name in Self.assetsNamed(in: source.text) + (source.name == "search" ? ["search.js"] : [])
            where assets[name] == nil && !Self.generatedAssets.contains(name) {
                let asset = ProjectLoader.join(assetFolder, name)
                if !missingAssets.contains(where: { $0.asset == asset }) { missingAssets.append((source.path, asset)) }
            }
        }
        if !missingAssets.isEmpty { throw .missingAssets(missingAssets) }
        let fingerprint = ContentHash.of(sources.flatMap { [$0.name, $0.text] }
            + assets.sorted { $0.key < $1.key }.flatMap { [$0.key, ContentHash.of($0.value)] })
        do {
            return Loaded(templates: try TemplateSet(sources), assets: assets, folder: folder, fingerprint: fingerprint)
        } catch {
            throw .template(error)
        }
    }

    /// The files of `assets/` a template names (style sheets, scripts, images, fonts), by their
    /// paths inside it. (A scan, not a `Regex`: this runs before every build, and the regular
    /// expression over the layouts cost milliseconds.)
    static func assetsNamed(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let found = rest.range(of: "assets/") {
            rest = rest[found.upperBound...]
            let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" || $0 == "/") }
            let suffix = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
            if name.contains("."), assetSuffixes.contains(suffix) { names.append(String(name)) }
        }
        return names
    }

    static let assetSuffixes: Set<String> = ["css", "js", "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "woff", "woff2", "ttf", "otf", "pdf"]

    /// Every file of the assets folder by its path inside it (`images/logo.png`), sub-folders
    /// included (a logo in `images/` was left out, and every page linked a missing file), hidden
    /// names left out, at most eight folders deep.
    static func assets(in folder: String) -> [String: [UInt8]] {
        let fileManager = FileManager.default
        var assets: [String: [UInt8]] = [:]
        func walk(_ relative: String, depth: Int) {
            let path = relative.isEmpty ? folder : ProjectLoader.join(folder, relative)
            for name in ((try? fileManager.contentsOfDirectory(atPath: path)) ?? []).sorted() where !name.hasPrefix(".") {
                let inner = relative.isEmpty ? name : relative + "/" + name
                var isFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: ProjectLoader.join(folder, inner), isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if depth < 8 { walk(inner, depth: depth + 1) }
                } else if let data = fileManager.contents(atPath: ProjectLoader.join(folder, inner)) {
                    assets[inner] = [UInt8](data)
                }
            }
        }
        walk("", depth: 0)
        return assets
    }

    /// The layouts every build renders with (the drafts' and the guideline's own templates may be
    /// left out, which leaves those documents out).
    static let requiredLayouts = ["analysis", "analysis-index", "checklist", "dashboard", "data", "document", "footer", "group",
                                  "group-index", "guideline", "header", "not-found", "search", "system", "system-table", "systems"]

    /// Files of `assets/` the build writes itself.
    static let generatedAssets: Set<String> = ["search-index.js"]

    /// What is said when `locate` finds nothing: about the folder given with `--templates` when
    /// there is one (not about the project's, which was never looked at).
    static func notFound(project: String, override: String?) -> TemplateLoadError {
        override.map { .givenFolderHasNone($0) } ?? .notFound(project)
    }

    /// The first of: `--templates`, `PROJECT/templates`, the `templates/` that ships beside the executable.
    static func locate(project: String, override: String?) -> String? {
        let fileManager = FileManager.default
        // A folder with a `layouts/` folder is a templates folder, complete or not (`load` names
        // what it lacks).
        func valid(_ folder: String) -> Bool {
            var isFolder: ObjCBool = false
            return fileManager.fileExists(atPath: ProjectLoader.join(folder, "layouts"), isDirectory: &isFolder) && isFolder.boolValue
        }
        if let override { return valid(override) ? override : nil }
        let own = ProjectLoader.join(project, "templates")
        if valid(own) { return own }
        // .build/release/daicho → the package root holds templates/; an installed program keeps
        // them beside it, wherever it was run from.
        var folder = URL(fileURLWithPath: ProgramStamp.path).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent("templates").path
            if valid(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

public enum TemplateLoadError: Error, Sendable {
    case notFound(String)
    /// The folder given with `--templates` has no templates.
    case givenFolderHasNone(String)
    case template(TemplateError)
    /// Layouts link files of `assets/` that the templates folder does not have.
    case missingAssets([(template: String, asset: String)])
    /// Layouts every build needs are not in the folder.
    case missingLayouts(folder: String, names: [String])

    /// A folder without templates is a file problem (exit status 2); a template that cannot be read
    /// or has an error is a problem in what was written (1).
    public var isMissingFolder: Bool {
        switch self {
        case .notFound, .givenFolderHasNone, .missingAssets, .missingLayouts: true
        case .template: false
        }
    }

    /// The closing line under several template problems.
    public static func summary(_ count: Int, _ language: Language) -> String {
        language == .ja ? "テンプレートのエラー \(count) 件" : "\(count) template errors"
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .notFound(let project):
            language == .ja ? "テンプレートが見つかりません（\(ProjectLoader.join(project, "templates/layouts")) に置くか、--templates で指定するか、daicho のプログラムの隣に templates/ フォルダごと置いてください）"
                : "no templates found (put them in \(ProjectLoader.join(project, "templates/layouts")), give --templates, or keep the templates/ folder beside the daicho program)"
        case .givenFolderHasNone(let folder) where !FileManager.default.fileExists(atPath: folder):
            language == .ja ? "--templates の「\(folder)」というフォルダはありません（フォルダ名を確かめてください）"
                : "--templates \(folder): no such folder (check its name)"
        case .givenFolderHasNone(let folder):
            language == .ja ? "--templates の「\(folder)」にテンプレートがありません（layouts/system.mustache のある templates フォルダを指定してください）"
                : "--templates \(folder) holds no templates (give the templates folder, the one with layouts/system.mustache)"
        case .template(let error):
            error.diagnostics.map { DiagnosticFormatter(language: language, color: false).format($0) }.joined(separator: "\n")
                + (error.all.count > 1 ? "\n" + Self.summary(error.all.count, language) : "")
        case .missingLayouts(let folder, let names):
            language == .ja
                ? "「\(folder)」に \(names.joined(separator: "、")) がありません。Daicho に付属の templates/layouts/ から同じ名前のファイルをコピーしてください"
                : "\(folder) lacks \(names.joined(separator: ", ")); copy them from the templates/layouts/ folder that comes with Daicho"
        case .missingAssets(let missing):
            missing.map { template, asset in
                language == .ja
                    ? "「\(template)」が使う「\(asset)」がありません。そのファイルを置いてください（Daicho に付属のファイルなら、付属の templates/assets/ から同じ名前でコピーできます）"
                    : "\(asset), which \(template) links, is missing; put it there (Daicho's own files can be copied from the templates/assets/ folder that comes with it)"
            }.joined(separator: "\n")
        }
    }
}
