import ArgumentParser
import Foundation
import GameCore
import Persistence
import Report

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, html, csv, json
}

/// `entangled report SAVE`: the after-action report of a saved game (DESIGN §7b).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the after-action report of a saved game, for the debrief.",
        discussion: """
        Replays the save's command log and reports the outcome and why, each delegation's objectives \
        (secret ones revealed), a timeline of events, decisions and facilitator actions, what \
        harvest-now-decrypt-later exposed, Mosca's inequality over time, the turning points, charts \
        and discussion questions. Markdown is for print, HTML (with charts) for a projector, CSV and \
        JSON for analysis. A game that is not over is reported as far as it went.
        """
    )

    @Argument(help: "The save file.")
    var save: String

    @Option(name: .long, help: "Output format: markdown, html, csv or json.")
    var format: ReportFormat = .markdown

    @Option(name: .long, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Flag(name: .customLong("as-replayed"), help: "When the replay diverges, report what this version's rules make of the save's commands instead of refusing it.")
    var asReplayed = false

    /// The saves a branch was rewound from, nearest first, followed from parent to parent while
    /// they are found (as recorded, or beside the save) and match their recorded checksum.
    static func branches(of loaded: LoadedSave) -> [BranchStep] {
        var steps: [BranchStep] = []
        var parent = loaded.saved.parent
        var folder = URL(fileURLWithPath: loaded.file).deletingLastPathComponent()
        var seen: [String] = []
        while let p = parent, steps.count < 50, !seen.contains(p.checksum) {
            seen.append(p.checksum)
            let candidates = [p.file, folder.appendingPathComponent(URL(fileURLWithPath: p.file).lastPathComponent).path]
            var found: LoadedSave?
            for path in candidates where found == nil && FileManager.default.fileExists(atPath: path) {
                if let l = try? SaveStore.load(path: path, fromSnapshot: true), l.checksum == p.checksum { found = l }
            }
            steps.append(BranchStep(file: p.file, checksum: p.checksum, turn: p.turn, label: p.turnLabel,
                                    parentTurnsPlayed: found.map { $0.game.log.count }))
            parent = found?.saved.parent
            if let f = found { folder = URL(fileURLWithPath: f.file).deletingLastPathComponent() }
        }
        return steps
    }

    func run() throws {
        // The report retells the game from its command log, so a save whose replay diverges would
        // describe a game that never happened: it is refused unless asked for explicitly.
        let loaded = try SaveFiles.load(save, fromSnapshot: asReplayed, hint: "To report what this version's rules make of its commands anyway, add --as-replayed (see docs/saves.md).")
        if let d = loaded.divergence {
            SaveFiles.note("\(save): the replay diverged at turn \(d.turn + 1) (\(d.label)) because \(d.cause); as asked, the report tells what this version's rules make of the same commands, not the game as it was played.")
        }
        let game = loaded.game
        let debrief = DebriefBuilder.build(scenario: game.scenario, seed: game.seed, log: game.log,
                                           branches: ReportCommand.branches(of: loaded))
        let text: String
        switch format {
        case .markdown: text = debrief.markdown()
        case .html: text = debrief.html()
        case .csv: text = debrief.csv()
        case .json: text = debrief.json()
        }
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        // Missing folders are not created: a mistyped path should not leave new folders behind.
        let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder), isFolder.boolValue {
            throw UserFailure("The report could not be written to \(output): that is a folder; give a file name inside it, e.g. \(output.hasSuffix("/") ? output : output + "/")report.\(format == .markdown ? "md" : format.rawValue).")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw UserFailure("The report could not be written to \(output): the folder \(folder) does not exist; create it first or choose another --output.")
        }
        do {
            try SaveStore.writeAtomically(Array(text.utf8), to: output)
        } catch {
            throw UserFailure("The report could not be written to \(output): the folder \(folder) cannot be written to, or a folder of that name is in the way; choose another --output.")
        }
        SaveFiles.note("Wrote the \(format.rawValue) report to \(output).")
    }
}
