import ArgumentParser
import Foundation
import GameCore
import Interface
import Persistence
import ScenarioFormat

/// `entangled pack SCENARIO`: the printed session pack a facilitator prepares before the day —
/// the shared situation, one sealed page per delegation and the facilitator's crib sheet — as
/// print-ready HTML (one A4 page per part) and as Markdown.
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write the printable session pack of a scenario: sealed delegation pages and the facilitator's crib sheet.",
        discussion: """
        Writes pack.html (print it, or save it as PDF, at A4: every part starts on a new page) and \
        pack.md into the output folder: the shared situation for every table, one sealed page per \
        delegation (its secret brief, its objectives with their thresholds, its doctrine's weights, \
        a key card) and the facilitator's crib sheet (the inject deck with each card's effects in \
        words, the outcome rules). With --human, sealed pages only for those delegations.
        """
    )

    @Argument(help: "A bundled scenario id or a scenario file (see `entangled scenarios`).")
    var scenario: String

    @Option(name: .long, parsing: .upToNextOption, help: "The delegations played by people (ids); the others get no sealed page.")
    var human: [String] = []

    @Option(name: .long, help: "The folder to write pack.html and pack.md into (made if missing; its parent must exist).")
    var output: String = "pack"

    @Option(name: .customLong("run-sheet"), help: "A run-sheet file for this scenario, printed on the crib sheet (else the scenario's own runSheet:).")
    var runSheet: String?

    func run() throws {
        let sc = try ScenarioSource.load(scenario)
        var plan = SaveStore.scenarioSource(for: sc, path: scenario).map(RunSheetLoader.embedded) ?? []
        if let runSheet {
            let file: RunSheetFile
            do { file = try RunSheetLoader.load(path: runSheet) } catch { throw UserFailure(error.description) }
            guard file.scenario.contentHash == sc.contentHash else {
                throw UserFailure("The run sheet \(runSheet) is for \(file.scenario.id)\(file.scenario.id == sc.id ? " in another version" : ""), not for \(scenario); give the run sheet of this scenario.")
            }
            plan = file.entries
        }
        var seats: [Int] = []
        for id in human {
            guard let b = sc.blocIndex(id) ?? sc.blocs.firstIndex(where: { $0.id.lowercased() == id.lowercased() }) else {
                throw UserFailure("There is no delegation “\(id)” in \(sc.title); its delegations are \(sc.blocs.map(\.id).joined(separator: ", ")).")
            }
            if !seats.contains(b) { seats.append(b) }
        }
        if seats.isEmpty { seats = Array(sc.blocs.indices) }
        let pack = SessionPack(scenario: sc, seats: seats, runSheet: plan)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw UserFailure("\(output) is a file; --output names a folder to write pack.html and pack.md into.") }
        } else {
            let parent = URL(fileURLWithPath: output).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue else {
                throw UserFailure("The pack could not be written to \(output): the folder \(parent) does not exist; create it first or choose another --output.")
            }
            do { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false) } catch {
                throw UserFailure("The folder \(output) could not be made; choose another --output.")
            }
        }
        for (name, text) in [("pack.html", pack.html()), ("pack.md", pack.markdown())] {
            let path = (output as NSString).appendingPathComponent(name)
            do { try SaveStore.writeAtomically(Array(text.utf8), to: path) } catch {
                throw UserFailure("The pack could not be written to \(path); check that the folder can be written to.")
            }
        }
        SaveFiles.note("Wrote the session pack of \(sc.title) to \(output)/pack.html (print at A4) and \(output)/pack.md: \(seats.count) sealed delegation page\(seats.count == 1 ? "" : "s") and the crib sheet.")
    }
}

/// The pack's content, drawn as Markdown or HTML: parts, each a printed page (or more).
struct SessionPack {
    let scenario: Scenario
    let seats: [Int]
    /// Injects planned by turn (the scenario's `runSheet:` or a run-sheet file), for the crib sheet.
    var runSheet: [PlannedInject] = []

    /// One printed part: a title, an optional "sealed" notice, and its sections.
    struct Part {
        var title: String
        var sealed: String?
        var sections: [(heading: String, paragraphs: [String], items: [String])]
    }

    var parts: [Part] {
        [situation()] + seats.map(delegation) + [crib()]
    }

    func situation() -> Part {
        let c = scenario.calendar
        var sections: [(String, [String], [String])] = []
        sections.append(("The scenario", ([scenario.summary] + SessionPack.paragraphs(scenario.briefing)).filter { !$0.isEmpty }, []))
        sections.append(("The game", ["\(c.turnCount) turns, from \(c.label(0)) to \(c.endLabel). Every turn the delegations give their orders in secret; all orders are resolved together when the turn ends."], []))
        sections.append(("The delegations", [], scenario.blocs.map { b in
            "\(b.name) (\(b.id)) — doctrine \(b.doctrine.rawValue)" + (seats.contains(scenario.blocIndex(b.id) ?? -1) ? "" : ", played by the computer")
        }))
        let treaties = scenario.treaties.map { t in
            (t.name ?? t.type.title) + ": " + t.parties.map { scenario.blocs[$0].id }.joined(separator: ", ")
        }
        if !treaties.isEmpty { sections.append(("Agreements in force at the start", [], treaties)) }
        return Part(title: "\(scenario.title): the situation", sealed: nil, sections: sections)
    }

    func delegation(_ b: Int) -> Part {
        let bloc = scenario.blocs[b]
        let weights = scenario.rules.weights(bloc.doctrine)
        var total = 0.0
        for w in weights { total += w }
        let pillars = ["security", "prosperity", "influence", "stability"]
        let split = pillars.indices.map { k in "\(pillars[k]) \(Int((weights[k] / max(0.0001, total) * 100).rounded())) %" }
        var sections: [(String, [String], [String])] = []
        sections.append(("Your brief", SessionPack.paragraphs(bloc.briefing), []))
        sections.append(("Your objectives", ["Met objectives add their points to your score. The threshold is what the game checks, at the end of the turn named (or at the end of the game)."],
                         bloc.objectives.map { o in
            "\(o.text)\(o.secret ? " (SECRET — do not show)" : "") — threshold: \(o.condition.source); judged \(o.by.map { "by the end of \(scenario.calendar.label($0))" } ?? "at the end of the game"); \(Int(o.points.rounded())) points"
        }))
        sections.append(("Your doctrine: \(bloc.doctrine.rawValue)", ["Your score is the average of your four pillars (each 0 to 100) weighted by your doctrine — \(split.joined(separator: ", ")) — plus the points of every objective met. Favour what weighs most."], []))
        let keys = HelpText.lines.prefix { !$0.hasPrefix("The facilitator's seat") }.filter { !$0.isEmpty && !$0.hasSuffix(":") }
        sections.append(("Key card", [], keys.map { String($0.dropFirst(2)) }))
        return Part(title: "\(bloc.name) (\(bloc.id))", sealed: "SEALED — for the \(bloc.name) delegation only", sections: sections)
    }

    func crib() -> Part {
        var sections: [(String, [String], [String])] = []
        let sorted = runSheet.enumerated().sorted { ($0.element.turn, $0.offset) < ($1.element.turn, $1.offset) }.map(\.element)
        sections.append(("The run sheet", sorted.isEmpty
            ? ["No injects are planned. Plan them by turn in the scenario's `runSheet:` or in a run-sheet file given with --run-sheet (docs/facilitating.md, “Before the day”)."]
            : ["The console offers each planned inject at the start of its turn (f, then k): fire it, postpone it a turn, or skip it. Every decision is saved."],
            sorted.map { p in
                let title = scenario.injects.first { $0.id == p.inject }?.title ?? p.inject
                return "\(scenario.calendar.label(p.turn)) (turn \(p.turn + 1)): \(title) (\(p.inject))" + (p.note.isEmpty ? "" : " — \(p.note)")
            }))
        sections.append(("The inject deck", ["Cards you can play from the console (f, then i) at any turn. Effects are applied when the turn resolves; “self” in a dilemma is the delegation that chose."],
                         scenario.injects.map { card in
            var line = "\(card.title) (\(card.id)): \(card.text.split(separator: "\n").joined(separator: " "))"
            if !card.effects.isEmpty { line += " Effects: \(EffectText.describe(card.effects, scenario: scenario, viewer: nil))." }
            if let d = card.dilemma {
                line += " Poses a dilemma to \(d.blocs.map { scenario.blocs[$0].id }.joined(separator: ", ")): " + d.options.map { o in
                    "“\(o.label)”" + (o.effects.isEmpty ? "" : " (\(EffectText.describe(o.effects, scenario: scenario, viewer: nil)))")
                }.joined(separator: "; ") + "."
            }
            return line
        }))
        sections.append(("How the game ends", ["At the end the world is named by the first of these that holds (docs/model.md):"], [
            "Harvest catastrophe — so many harvested secrets were read that trust in digital government and finance broke down.",
            "Governed race — someone built a CRQC, and governance stands at 45 or more.",
            "Fragmented quantum world — fragmentation stands at 55 or more.",
            "Orderly transition — nobody built a CRQC, state traffic is at least 80 % migrated on average, and fragmentation is below 45.",
            "Unchecked race — someone built a CRQC with governance below 45.",
            "Unfinished transition — none of the above.",
        ]))
        sections.append(("Your console", [], HelpText.lines.drop { !$0.hasPrefix("The facilitator's seat") }.dropFirst().prefix { !$0.isEmpty }.map { String($0.dropFirst(2)) }))
        return Part(title: "Facilitator's crib sheet", sealed: "For the facilitator only", sections: sections)
    }

    /// A scenario text cut into paragraphs: at blank lines, and at line ends that end a sentence
    /// (briefings are written one paragraph per line or with blank lines between paragraphs).
    static func paragraphs(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                if !current.isEmpty { out.append(current); current = "" }
                continue
            }
            current += current.isEmpty ? line : " " + line
            if let last = line.last, ".!?:”\"".contains(last) { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Sections whose lines are laid out in columns with spaces (the keys), printed as they are.
    static let keyLists = ["Key card", "Your console"]

    func markdown() -> String {
        var out = "# Session pack: \(scenario.title)\n\n"
        for p in parts {
            out += "---\n\n## \(p.title)\n\n"
            if let s = p.sealed { out += "**\(s)**\n\n" }
            for s in p.sections {
                out += "### \(s.heading)\n\n"
                for para in s.paragraphs { out += para + "\n\n" }
                if SessionPack.keyLists.contains(s.heading) {
                    out += "```\n" + s.items.joined(separator: "\n") + "\n```\n\n"
                    continue
                }
                for item in s.items { out += "- " + item + "\n" }
                if !s.items.isEmpty { out += "\n" }
            }
        }
        return out
    }

    func html() -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var body = ""
        for p in parts {
            body += "<section class=\"part\">\n"
            if let s = p.sealed { body += "<p class=\"sealed\">\(esc(s))</p>\n" }
            body += "<h1>\(esc(p.title))</h1>\n"
            for s in p.sections {
                body += "<h2>\(esc(s.heading))</h2>\n"
                for para in s.paragraphs { body += "<p>\(esc(para))</p>\n" }
                if SessionPack.keyLists.contains(s.heading) {
                    body += "<pre>" + esc(s.items.joined(separator: "\n")) + "</pre>\n"
                } else if !s.items.isEmpty {
                    body += "<ul>\n" + s.items.map { "<li>\(esc($0))</li>\n" }.joined() + "</ul>\n"
                }
            }
            body += "</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Session pack: \(esc(scenario.title))</title>
        <style>
        @page { size: A4; margin: 16mm 15mm; }
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 10pt; line-height: 1.35; color: #111; margin: 0 auto; max-width: 180mm; }
        section.part { break-before: page; }
        section.part:first-child { break-before: auto; }
        h1 { font-size: 18pt; margin: 0 0 6pt; }
        h2 { font-size: 12.5pt; margin: 12pt 0 4pt; border-bottom: 1.5pt solid #111; }
        li { margin: 2pt 0; }
        pre { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; line-height: 1.3; }
        p.sealed { border: 2pt solid #111; padding: 4pt 8pt; font-weight: bold; letter-spacing: 0.05em; display: inline-block; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
