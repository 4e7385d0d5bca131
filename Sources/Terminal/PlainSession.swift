import Foundation
import Interface

/// The line-oriented game for screen readers and braille displays (`entangled play --plain`): reads
/// typed lines from standard input, gives the game the keys they stand for, and writes what changed
/// as plain text — no cursor addressing, no colour. It drives the same `AppState` and `update` as
/// the curses terminal, so it is the same game with the same saves.
public struct PlainSession {
    /// Reads one line, or nil at the end of input.
    let readLine: () -> String?
    /// Writes text as it is (the caller's lines end in "\n").
    let write: (String) -> Void
    /// The wall clock in seconds (drives the turn timer).
    let now: () -> Double

    /// A session on standard input and output.
    public init() {
        readLine = { Swift.readLine(strippingNewline: true) }
        write = { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        now = { ProcessInfo.processInfo.systemUptime }
    }

    /// Plays until the game quits or the input ends; `perform` carries out the game's effects
    /// (saving, loading), as the curses loop does.
    public func run(_ app: inout AppState, perform: (AppEffect, inout AppState) -> Void) {
        say(["Entangled States, plain text. Type help for the commands, look to hear the screen again."])
        var said = PlainReading.lines(of: app)
        say(said)
        while !app.shouldQuit {
            guard let line = readLine() else {
                say(["", "The input has ended, so the game stops here. Turns already played are in the autosaves."])
                return
            }
            for effect in app.update(.tick(now())) { perform(effect, &app) }
            switch PlainCommand.parse(line, in: app) {
            case .help:
                say(PlainCommand.helpLines)
                continue
            case .readAgain:
                said = PlainReading.lines(of: app)
                say(said)
                continue
            case .unknown(let sentence):
                say([sentence])
                continue
            case .keys(let keys):
                for key in keys {
                    for effect in app.update(key, width: PlainReading.width, height: PlainReading.height) { perform(effect, &app) }
                    if app.shouldQuit { break }
                }
            }
            if app.shouldQuit { break }
            let now = PlainReading.lines(of: app)
            let changed = PlainReading.changes(from: said, to: now)
            say(changed.isEmpty ? ["Nothing changed."] : changed)
            said = now
        }
    }

    /// Writes lines, then a blank line so each answer stands apart.
    private func say(_ lines: [String]) {
        write(lines.joined(separator: "\n") + "\n\n")
    }
}
