import ArgumentParser
import DaichoCore
import DaichoSite

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
        let folder = ProjectLoader.join(options.project, "inventory")
        let path = ProjectLoader.join(folder, "\(id).yaml")
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
