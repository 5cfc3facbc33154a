import ArgumentParser
import DaichoCore
import DaichoSite
import Foundation

/// Writes a synthetic project for benchmarks (hidden from help: not for municipal users).
struct GenerateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "generate", abstract: "Writes a deterministic synthetic project for benchmarks.",
                             shouldDisplay: false)
    }

    @Argument(help: "Number of systems")
    var count: Int

    @Argument(help: "Seed")
    var seed: UInt64

    @Argument(help: "Project folder to create")
    var folder: String

    func run() throws {
        let inventory = SyntheticInventory(count: count, seed: seed)
        do {
            try AtomicFile.makeFolder(ProjectLoader.join(folder, "inventory"))
            try AtomicFile.write(Array(inventory.projectFile.utf8), to: ProjectLoader.join(folder, "daicho.yaml"))
            // Plain writes: a benchmark fixture needs no fsync per file.
            for index in 0..<count {
                let (name, text) = inventory.ledger(index)
                let path = ProjectLoader.join(folder, "inventory/" + name)
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                    throw WriteError.cannotWrite(path, "create failed")
                }
            }
        } catch {
            throw Failure.report(error, .en)
        }
    }
}
