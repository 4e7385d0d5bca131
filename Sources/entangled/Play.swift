import ArgumentParser
import Foundation
import GameCore
import Interface
import ScenarioFormat
import Strategy
import Terminal

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play in the terminal (the default command). With no --human, the setup screen asks who plays."
    )

    @Option(name: .long, help: "A bundled scenario id or the path of a scenario file (default: quantum-decade).")
    var scenario: String?

    @Option(name: .long, help: "The seed (default: the scenario's own seed).")
    var seed: UInt64?

    @Option(name: .long, parsing: .upToNextOption, help: "Blocs played by humans, e.g. --human US EU (skips the setup screen).")
    var human: [String] = []

    @Option(name: .customLong("ai-level"), help: "Computer players' level: novice, standard or expert.")
    var aiLevel: AILevel = .standard

    @Flag(name: .customLong("no-color"), help: "Monochrome screens (also when NO_COLOR is set).")
    var noColor = false

    func run() throws {
        var choices: [ScenarioChoice] = []
        if let chosen = scenario {
            let s = try ScenarioSource.load(chosen)
            choices.append(ScenarioChoice(name: s.title, scenario: s))
        } else {
            for entry in BundledScenarios.all {
                if let s = try? ScenarioLoader.parse(text: entry.text, file: entry.file) {
                    let choice = ScenarioChoice(name: s.title, scenario: s)
                    if entry.file == BundledScenarios.defaultFile { choices.insert(choice, at: 0) } else { choices.append(choice) }
                }
            }
        }
        var humans: [Int] = []
        if let s = choices.first?.scenario {
            for id in human {
                guard let b = s.blocIndex(id.uppercased()) else {
                    throw ValidationError("--human \(id): there is no such bloc in \(s.title). Blocs: \(s.blocs.map(\.id).joined(separator: ", ")).")
                }
                if !humans.contains(b) { humans.append(b) }
            }
        }
        let colorWanted = !noColor && ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty } ?? true
        let terminal: Terminal
        do {
            terminal = try Terminal(colors: colorWanted)
        } catch let failure as Terminal.Failure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            throw ExitCode(2)
        }
        defer { terminal.close() }
        var app = AppState(choices: choices, colors: terminal.hasColors)
        if let seed { app.setup.seed = seed }
        app.setup.level = aiLevel
        if !humans.isEmpty {
            app.setup.human = app.setup.human.indices.map { humans.contains($0) }
            app.startWithSetup()
        }
        while !app.shouldQuit {
            let size = terminal.size
            terminal.draw(app.render(width: size.width, height: size.height))
            guard let key = terminal.readKey() else { continue }
            if key == .resize { terminal.invalidate() }
            app.update(key)
        }
    }
}
