import ArgumentParser
import DaichoCore
import DaichoSite
import Foundation

struct NewCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "new",
            abstract: L("記入用の台帳ひな形 inventory/ID.yaml を作ります（既存のファイルは上書きしません）。",
                        "Writes a blank ledger inventory/ID.yaml to fill in (never overwrites)."))
    }

    @Argument(help: ArgumentHelp(L("システムID（英小文字・数字・ハイフン。例: jumin-kiroku）",
                                   "System id (lower-case letters, digits, hyphens; e.g. jumin-kiroku)")))
    var id: String

    @OptionGroup var options: ProjectOptions

    @Option(help: ArgumentHelp(L("所管課（例: 市民課）", "Department (e.g. 市民課)"), valueName: "課名"))
    var department: String

    @Option(help: ArgumentHelp(L("システム名称", "System name"), valueName: "名称"))
    var name: String

    func run() throws {
        let language = options.language
        guard LedgerRules.isValidID(id) else {
            Terminal.error(L("daicho: ID「\(id)」は使えません。英小文字・数字・ハイフンで64文字まで、先頭は英小文字か数字にしてください",
                             "daicho: invalid id '\(id)': use up to 64 lower-case letters, digits and hyphens"))
            throw ExitCode(2)
        }
        let department = department.trimmingCharactersInWhitespace, name = name.trimmingCharactersInWhitespace
        guard !department.isEmpty, !name.isEmpty else {
            Terminal.error(L("daicho: --department と --name を空にはできません", "daicho: --department and --name must not be empty"))
            throw ExitCode(2)
        }
        // A mistyped project folder is not made: check, build and analyze would not find it either.
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.project, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.error("daicho: " + L("フォルダ「\(options.project)」がありません（プロジェクトのフォルダを指定してください）",
                                          "no such folder: \(options.project) (give the project folder)"))
            throw ExitCode(2)
        }
        let folder = ProjectLoader.join(options.project, "inventory")
        let path = ProjectLoader.join(folder, "\(id).yaml")
        // `ID.yml` is the same system: a second file would be a duplicate id.
        let other = ProjectLoader.join(folder, "\(id).yml")
        guard !FileManager.default.fileExists(atPath: other) else {
            Terminal.error("daicho: " + L("「\(other)」があります。同じIDの台帳は作りません",
                                          "\(other) exists; not making a second ledger with the same id"))
            throw ExitCode(2)
        }
        do {
            try AtomicFile.makeFolder(folder)
            let text = LedgerTemplate.render(id: id, department: String(department), name: String(name))
            try AtomicFile.create(Array(text.utf8), at: path)
        } catch {
            throw Failure.report(error, language)
        }
        Terminal.write(L("\(path) を作りました。記入後に daicho check で確認してください。",
                         "created \(path); fill it in and run daicho check."))
    }
}
