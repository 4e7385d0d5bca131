import Foundation
import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Report

/// The after-action report of a known game of the default scenario: computer players on every
/// side, and a facilitator who injects, adjusts with a reason, reveals and rules on one free-text
/// action but not on another. Golden sections live in `Golden/`; on a difference the test writes
/// `*.new.md` beside the old one, and REPORT_RECORD=1 accepts the new text.
@Suite("After-action report")
struct ReportTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let record = ProcessInfo.processInfo.environment["REPORT_RECORD"] == "1"

    static let adjustReason = "Intelligence services report a hidden breakthrough in China's programme"
    static let rulingReason = "No finance ministers can meet before the elections"
    static let ruledText = "Convene the G7 finance ministers on a quantum-safe payments deadline"
    static let unruledText = "Offer India a seat in a joint laboratory in exchange for its fibre network"

    static func effect(_ target: Reference, _ op: AssignOp, _ value: Double, _ source: String) -> Effect {
        Effect(target: target, op: op, value: .number(value), source: source)
    }

    /// The facilitator's commands for a turn, given the state before it.
    static func facilitator(turn: Int, state: GameState) -> [Command] {
        switch turn {
        case 1:
            return [.order(bloc: "EU", .message(to: "US", text: "Can we align our PQC deadlines before the summit?")),
                    .order(bloc: "US", .message(to: "EU", text: "Yes: 2030 for state systems, 2033 for the rest."))]
        case 2: return [.facilitator(.inject(id: "inject-spy-scandal"))]
        case 3: return [.order(bloc: "EU", .freeAction(text: ruledText, intent: "speed up finance migration")),
                        .order(bloc: "CN", .harvest(target: "EU", active: true)),
                        .order(bloc: "CN", .harvest(target: "US", active: true))]
        case 4:
            let id = state.freeActions.first { $0.text == ruledText }?.id ?? -1
            return [.facilitator(.ruling(action: id, accept: false, effects: [], reason: rulingReason)),
                    .order(bloc: "IN", .freeAction(text: unruledText, intent: "draw India closer"))]
        case 6:
            let cn = BundledScenarios.defaultScenario.blocIndex("CN")!
            return [.facilitator(.adjust(effect: effect(.bloc(.bloc(cn), .computing), .set, 5000, "CN.computing = 5000"), reason: adjustReason)),
                    .facilitator(.reveal(secret: .objectives(bloc: "CN"), to: []))]
        case 7: return [.order(bloc: "CN", .decrypt(active: true))]
        case 9: return [.facilitator(.customEvent(title: "Emergency G20 session", text: "Leaders meet overnight to calm the markets. No communiqué is agreed.",
                                                 effects: [effect(.world(.tension), .subtract, 5, "world.tension -= 5")]))]
        default: return []
        }
    }

    static func play(turns: Int? = nil) -> Game {
        var game = Game(scenario: BundledScenarios.defaultScenario, seed: 7)
        var left = turns ?? Int.max
        while left > 0 && !game.isOver {
            game.resolve(Autoplay.computerCommands(game, level: .standard) + facilitator(turn: game.state.turn, state: game.state))
            left -= 1
        }
        return game
    }

    static let game = play()
    static let debrief = DebriefBuilder.build(game)

    /// The lines of a Markdown section, from its heading to the next heading of the same level.
    static func section(_ markdown: String, _ heading: String) -> String {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## " + heading) }) else { return "" }
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("## ") } ?? lines.count
        return lines[start..<end].joined(separator: "\n")
    }

    func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = Self.folder.appendingPathComponent(name + ".md")
        let newURL = Self.folder.appendingPathComponent(name + ".new.md")
        if Self.record || !FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(at: newURL)
            return
        }
        let old = try String(contentsOf: url, encoding: .utf8)
        if old != text {
            try text.write(to: newURL, atomically: true, encoding: .utf8)
            Issue.record("\(name).md differs from the report; the new text is in \(newURL.lastPathComponent). Run with REPORT_RECORD=1 to accept it.",
                         sourceLocation: sourceLocation)
        } else {
            try? FileManager.default.removeItem(at: newURL)
        }
    }

    @Test func theObjectivesSectionMatchesItsGoldenText() throws {
        // REPORT_DUMP=folder writes the whole report in every format there, to look at.
        if let dump = ProcessInfo.processInfo.environment["REPORT_DUMP"] {
            let folder = URL(fileURLWithPath: dump)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (ext, text) in [("md", Self.debrief.markdown()), ("html", Self.debrief.html()), ("csv", Self.debrief.csv()),
                                ("json", Self.debrief.json()), ("txt", Self.debrief.textLines(width: 80).joined(separator: "\n"))] {
                try text.write(to: folder.appendingPathComponent("facilitated.\(ext)"), atomically: true, encoding: .utf8)
            }
        }
        let section = Self.section(Self.debrief.markdown(), "Delegations and their objectives")
        #expect(section.contains("(secret objective; due"))
        #expect(section.contains("United States (US)"))
        try expectGolden(section, "objectives")
    }

    @Test func theTimelineShowsFacilitatorActionsWithTheirReasonsAndUnruledActions() throws {
        let d = Self.debrief
        let facilitator = d.timeline.filter { $0.kind == .facilitator }
        #expect(facilitator.contains { $0.label == "2025-Q3" && $0.text.contains("injected “Spy scandal at a research partner”") })
        #expect(facilitator.contains { $0.label == "2026-Q3" && $0.text.contains("adjusted CN.computing = 5000") && $0.text.contains(Self.adjustReason) })
        #expect(facilitator.contains { $0.label == "2026-Q1" && $0.text.contains("rejected European Union's action") && $0.text.contains(Self.rulingReason) })
        #expect(facilitator.contains { $0.text.contains("revealed China's secret objectives to everyone") })
        #expect(facilitator.contains { $0.label == "2027-Q2" && $0.text.contains("introduced an event, “Emergency G20 session”: Leaders meet overnight to calm the markets.") })
        let free = d.timeline.filter { $0.kind == .freeAction }
        #expect(free.count == 2)
        #expect(free.contains { $0.blocs == ["EU"] && $0.text.contains("Rejected by the facilitator: “\(Self.rulingReason)”") })
        #expect(free.contains { $0.blocs == ["IN"] && $0.text.contains("Unadjudicated") })
        #expect(d.timeline.contains { $0.kind == .crqc && $0.blocs.first == "CN" && $0.secret })
        #expect(d.timeline.last?.kind == .outcome)
        let timeline = Self.section(d.markdown(), "Timeline of key events")
        let lines = timeline.components(separatedBy: "\n- ").filter { $0.contains("Facilitator ·") || $0.contains("Free action ·") }
        try expectGolden(lines.map { "- " + $0 }.joined(separator: "\n"), "timeline-facilitator")
    }

    @Test func harvestedMessagesAndDecryptedSecretsAreListedWithTheirReaders() {
        let e = Self.debrief.exposure
        #expect(!e.decrypted.isEmpty)
        #expect(e.decrypted.allSatisfy { $0.harvester == "CN" || Self.game.state.blocs[Self.game.scenario.blocIndex($0.harvester)!].hasCRQC })
        var total = 0.0
        for r in Self.game.state.archive { total += r.value }
        #expect(abs(e.totalValue - total) < 1e-9)
        let read = Self.game.state.messages.filter { !$0.readBy.isEmpty }
        #expect(e.messagesRead.count == read.count)
        #expect(e.messagesSent == Self.game.state.messages.count)
        // Wrapped lines joined again, so sentences can be found whole.
        let section = Self.section(Self.debrief.markdown(), "What harvest-now-decrypt-later exposed")
            .replacingOccurrences(of: "\n  ", with: " ").replacingOccurrences(of: "\n", with: " ")
        #expect(section.contains("\(read.count) of the \(Self.game.state.messages.count) negotiation messages sent were read"))
        #expect(read.count > 8)
        for m in e.messagesRead.prefix(8) {
            #expect(section.contains("read by \(Self.debrief.name(m.readBy[0].bloc)) in \(m.readBy[0].label)"))
        }
        #expect(section.contains("The other \(read.count - 8) messages read are listed in the JSON report."))
        // The first message read is quoted whole, in the words its sender wrote.
        #expect(section.contains("“\(e.messagesRead[0].text)”"))
    }

    @Test func theCSVHasOneRowPerTurnBlocAndIndicatorWithTheGamesValues() throws {
        let d = Self.debrief
        let rows = d.csv().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["turn", "label", "bloc", "indicator", "value"])
        let history = Self.game.state.history
        let sectors = Self.game.scenario.sectors.count
        let perBloc = 7 + sectors + 4 + 3 + sectors
        let blocs = Self.game.scenario.blocs.count
        // Trust rows: every ordered pair of blocs, for the opening (turn 0) and every turn.
        #expect(rows.count - 1 == history.count * (blocs * perBloc + 4) + (history.count + 1) * blocs * (blocs - 1))
        var seen = 0, trustSeen = 0
        for row in rows.dropFirst() {
            if row[3].hasPrefix("trust.") {
                let a = try #require(Self.game.scenario.blocIndex(row[2])), b = try #require(Self.game.scenario.blocIndex(String(row[3].dropFirst(6))))
                let matrix = row[0] == "0" ? GameState.initial(Self.game.scenario).trust : d.trust.turns[try #require(Int(row[0])) - 1]
                #expect(row[0] != "0" || row[1] == "start")
                #expect(try #require(Double(row[4])) == matrix[a * blocs + b], "\(row)")
                trustSeen += 1
                continue
            }
            let t = try #require(Int(row[0])) - 1
            #expect(row[1] == Self.game.scenario.calendar.label(t))
            let record = history[t]
            if row[2] == "world" {
                let value = try #require(Double(row[4]))
                switch row[3] {
                case "tension": #expect(value == record.tension)
                case "governance": #expect(value == record.governance)
                case "fragmentation": #expect(value == record.fragmentation)
                case "crqcLogicalQubits": #expect(value == record.crqcLogicalQubits)
                default: Issue.record("unknown world indicator \(row[3])")
                }
                continue
            }
            let b = try #require(Self.game.scenario.blocIndex(row[2]))
            let r = record.blocs[b]
            if row[3].hasPrefix("mosca.") {
                let s = try #require(Self.game.scenario.sectorIndex(String(row[3].dropFirst(6))))
                #expect(row[4] == r.mosca[s].rawValue)
                continue
            }
            let value = try #require(Double(row[4]))
            let expected: Double
            switch row[3] {
            case "computing": expected = r.computing
            case "sensing": expected = r.sensing
            case "qkdKm": expected = r.qkdKm
            case "workforce": expected = r.workforce
            case "support": expected = r.support
            case "gdp": expected = r.gdp
            case "budget": expected = r.budget
            case "security": expected = r.pillars[0]
            case "prosperity": expected = r.pillars[1]
            case "influence": expected = r.pillars[2]
            case "stability": expected = r.pillars[3]
            case "score": expected = r.score
            case "exposure": expected = r.exposure
            case "crqc": expected = r.hasCRQC ? 1 : 0
            default:
                let s = try #require(Self.game.scenario.sectorIndex(String(row[3].dropFirst(4))), "unknown indicator \(row[3])")
                expected = r.pqc[s]
            }
            #expect(value == expected, "\(row)")
            seen += 1
        }
        #expect(seen == history.count * blocs * (perBloc - sectors))
        #expect(trustSeen == (history.count + 1) * blocs * (blocs - 1))
        #expect(d.trust.end == Self.game.state.trust)
    }

    @Test func theJSONRoundTripsAndTheReportIsDeterministic() throws {
        let d = Self.debrief
        let json = d.json()
        #expect(try Debrief.fromJSON(json) == d)
        let again = DebriefBuilder.build(scenario: Self.game.scenario, seed: Self.game.seed, log: Self.game.log)
        #expect(again.json() == json)
        #expect(again.html() == d.html())
        #expect(again.markdown() == d.markdown())
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["outcome"] as? [String: Any])?["title"] as? String == Self.game.state.outcome?.title)
        #expect((object["history"] as? [Any])?.count == 44)
    }

    @Test func theHTMLIsSelfContainedWithOneChartPerSVG() {
        let d = Self.debrief
        let html = d.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == d.charts.count)
        #expect(d.charts.map(\.id) == ["computing", "pqc", "world", "trust"])
        #expect(!html.lowercased().contains("http"))
        // One script, inline: presentation mode. Nothing is fetched.
        #expect(html.components(separatedBy: "<script").count - 1 == 1 && !html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(html.contains("CRQC threshold"))
        #expect(html.contains("<td class=\"red\""))
        #expect(html.contains(Self.adjustReason))
        // Every series of every chart has an entry in its legend.
        for c in d.charts { for s in c.series { #expect(html.contains(">\(s.name)</text>")) } }
    }

    @Test func theQuestionsAreFiveToEightAndNameTheBlocsConcerned() {
        let d = Self.debrief
        #expect((5...8).contains(d.questions.count))
        let names = Self.game.scenario.blocs.map(\.name)
        for q in d.questions { #expect(names.contains { q.contains($0) } || q.contains(d.outcome.title), "\(q)") }
        #expect(d.questions.contains { $0.contains("China held a CRQC, hidden from the world, from 2026-Q3") })
        #expect(d.questions.contains { $0.contains("The facilitator rejected European Union's proposal of 2025-Q4") })
        #expect(Set(d.questions).count == d.questions.count)
    }

    @Test func anUnfinishedGameIsReportedAsFarAsItWent() {
        let game = Self.play(turns: 10)
        let d = DebriefBuilder.build(game)
        #expect(!d.finished)
        #expect(d.outcome.title == "Unfinished at 2027-Q3")
        #expect(d.turnsPlayed == 10)
        #expect(d.timeline.contains { $0.text.contains("Unadjudicated") })
        #expect(d.markdown().contains("## Outcome: Unfinished at 2027-Q3"))
        #expect((5...8).contains(d.questions.count))
        let empty = DebriefBuilder.build(Game(scenario: BundledScenarios.defaultScenario, seed: 1))
        #expect(empty.outcome.title == "Unfinished at 2025-Q1")
        #expect((5...8).contains(empty.questions.count))
        #expect(!empty.html().isEmpty && !empty.textLines(width: 80).isEmpty && empty.csv().split(separator: "\n").count == 1 + 10 * 9)
    }

    @Test func textLinesFitTheScreenWidthAndCarryNoEscapeCodes() {
        for width in [60, 80, 132] {
            let lines = Self.debrief.textLines(width: width)
            #expect(lines.allSatisfy { $0.count <= width }, "width \(width)")
            #expect(!lines.contains { $0.contains("\u{1B}") })
            #expect(lines.contains("Questions for discussion"))
            #expect(lines.contains { $0.contains("US government ") })
        }
        let long = Self.debrief.markdown().split(separator: "\n").filter { $0.count > 100 }
        #expect(long.isEmpty, "\(long)")
    }
}

@Suite("After-action report: rulings, wording and layout found in playtesting")
struct ReportPlaytestTests {
    static let scenario = BundledScenarios.defaultScenario

    @Test func aRulingOnAnActionSubmittedTheSameTurnIsReportedAsTheGameAppliedIt() throws {
        var game = Game(scenario: Self.scenario, seed: 11)
        // Turn 1: US submits an action and the facilitator accepts it at once, by its predicted id.
        let accepted = game.state.nextActionID
        game.resolve(Autoplay.computerCommands(game, level: .standard) + [
            .order(bloc: "US", .freeAction(text: "Fund a transatlantic PQC testbed", intent: "faster migration")),
            .facilitator(.ruling(action: accepted, accept: true,
                                 effects: [ReportTests.effect(.world(.tension), .subtract, 4, "world.tension -= 4")],
                                 reason: "Both parliaments have the budget")),
        ])
        #expect(game.state.freeActions.first { $0.id == accepted }?.status == .accepted)
        // Turn 2: the same for a rejection, and a ruling on an action that does not exist.
        let rejected = game.state.nextActionID
        game.resolve(Autoplay.computerCommands(game, level: .standard) + [
            .order(bloc: "CN", .freeAction(text: "Buy the EU's dilution-fridge supplier", intent: "EU supply down")),
            .facilitator(.ruling(action: rejected, accept: false, effects: [], reason: "The sale would be blocked")),
            .facilitator(.ruling(action: 99, accept: true, effects: [], reason: "no such action")),
        ])
        #expect(game.state.freeActions.first { $0.id == rejected }?.status == .rejected)

        let d = DebriefBuilder.build(game)
        let first = d.timeline.filter { $0.turn == 0 && ($0.kind == .facilitator || $0.kind == .freeAction) }
        #expect(first.count == 2)
        #expect(first.first?.kind == .freeAction, "the proposal comes before its ruling")
        let ruling = try #require(first.first { $0.kind == .facilitator })
        #expect(ruling.text.contains("accepted United States' action #\(accepted) (“Fund a transatlantic PQC testbed”) with the effects world.tension -= 4"))
        #expect(ruling.text.contains("Reason given: “Both parliaments have the budget”."))
        #expect(ruling.blocs == ["US"] && ruling.secret)
        #expect(first.first?.text.contains("Accepted by the facilitator: “Both parliaments have the budget”.") == true)

        let second = d.timeline.filter { $0.turn == 1 && $0.kind == .facilitator }
        #expect(second.contains { $0.text.contains("rejected China's action #\(rejected)") && $0.text.contains("The sale would be blocked") })
        #expect(second.contains { $0.text == "The facilitator ruled on action #99, which was not waiting for a ruling." })
        #expect(d.timeline.filter { $0.text.contains("was not waiting for a ruling") }.count == 1)
        #expect(d.questions.contains { $0.contains("The facilitator rejected China's proposal of 2025-Q2") })
        // The ruling's news went to the proposer alone, so the turn's public news leaves it out; the timeline has it.
        #expect(!d.turns[0].news.contains { $0.contains("Ruling on") })
        #expect(Self.markdownSection(d, "Timeline of key events").contains("accepted United States' action #\(accepted)"))
    }

    static func markdownSection(_ d: Debrief, _ heading: String) -> String {
        // Wrapped lines joined again, so sentences can be found whole.
        ReportTests.section(d.markdown(), heading).replacingOccurrences(of: "\n  ", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    @Test func worldIndicesAreComparedWithTheScenarioStartAndUnchangedOnesStay() throws {
        let d = ReportTests.debrief
        let start = GameState.initial(Self.scenario).world
        let last = try #require(ReportTests.game.state.history.last)
        let line = try #require(d.outcome.causes.first { $0.hasPrefix("Governance ") })
        let c = Collector(scenario: Self.scenario)
        #expect(line == (join([c.change("governance", start.governance, last.governance),
                               c.change("fragmentation", start.fragmentation, last.fragmentation),
                               c.change("tension", start.tension, last.tension)]).capitalizedFirst + "."))
        #expect(c.change("governance", 43.02, 42.98) == "governance stayed at 43")
        // Not rounded across a threshold: 59.9 is not 60 (an objective of "60 or more" was missed).
        #expect(c.change("fragmentation", 55, 59.903) == "fragmentation went from 55 to 59.9")
        #expect(c.change("governance", 43.2, 42.8) == "governance went from 43.2 to 42.8")
        #expect(c.change("tension", 20, 35) == "tension went from 20 to 35")
        // After one turn the start is the scenario's, not the end of turn 1.
        var one = Game(scenario: Self.scenario, seed: 2)
        one.resolve(Autoplay.computerCommands(one, level: .standard))
        let after1 = DebriefBuilder.build(one)
        let sentence = try #require(after1.outcome.causes.first { $0.contains("overnance") })
        #expect(sentence.contains(c.change("tension", start.tension, one.state.history[0].tension)))
        #expect(sentence.hasSuffix(" so far."))
    }

    @Test func anUnfinishedGameDoesNotClaimAnEndingOrAWinner() {
        // Few unusual moments after two turns, so every standing question is asked.
        let d = DebriefBuilder.build(ReportTests.play(turns: 2))
        let all = d.questions.joined(separator: "\n")
        #expect(!all.contains("The game ended as"))
        #expect(!all.contains("finished with the highest score"))
        #expect(all.contains("The game is unfinished: 2 of 44 turns played."))
        #expect(all.contains("leads so far with the highest score"))
        #expect(!DebriefBuilder.build(ReportTests.play(turns: 10)).questions.contains { $0.contains("The game ended as") })
        #expect(ReportTests.debrief.questions.contains { $0.hasPrefix("The game ended as “") })
    }

    @Test func countsOfOneAreSingular() {
        var d = ReportTests.debrief
        d.exposure.messagesRead = Array(d.exposure.messagesRead.prefix(9))
        let section = Self.markdownSection(d, "What harvest-now-decrypt-later exposed")
        #expect(section.contains("The other message read is listed in the JSON report."))
        #expect(!section.contains("The other 1 messages"))
        d.exposure.messagesRead = Array(d.exposure.messagesRead.prefix(1))
        d.exposure.messagesSent = 1
        d.exposure.messagesHarvestedUnread = 1
        #expect(Self.markdownSection(d, "What harvest-now-decrypt-later exposed")
            .contains("1 of the 1 negotiation message sent was read by a third party after decryption; 1 more was harvested but never read."))
        d.exposure.messagesRead = []
        #expect(Self.markdownSection(d, "What harvest-now-decrypt-later exposed").contains("1 message was sent; 1 sat in harvested form"))
    }

    @Test func aQuotationEndingInAFullStopIsNotFollowedByAnother() {
        #expect(tidyQuotes("He said “The world follows your lead.”.") == "He said “The world follows your lead.”")
        #expect(tidyQuotes("“Why?”. Then “no”.") == "“Why?” Then “no”.")
        for text in [ReportTests.debrief.markdown(), ReportTests.debrief.html(), ReportTests.debrief.json()] {
            for mark in [".", "!", "?"] { #expect(!text.contains(mark + "”.")) }
        }
        var game = Game(scenario: Self.scenario, seed: 4)
        let id = game.state.nextActionID
        game.resolve([.order(bloc: "EU", .freeAction(text: "Tell Washington it should follow our lead.", intent: "")),
                      .facilitator(.ruling(action: id, accept: false, effects: [], reason: "Washington declines."))])
        let d = DebriefBuilder.build(game)
        #expect(d.timeline.contains { $0.text.contains("“Tell Washington it should follow our lead.” Rejected by the facilitator: “Washington declines.”") })
        #expect(!d.markdown().contains(".”."))
    }

    @Test func chartCaptionsFitTheirFormat() {
        let d = ReportTests.debrief
        let md = ReportTests.section(d.markdown(), "Charts")
        #expect(!md.contains("dashed") && !md.contains("logarithmic"))
        let html = d.html()
        #expect(html.contains("<figcaption>The CRQC threshold is the dashed black line. Logarithmic scale.</figcaption>"))
        #expect(html.components(separatedBy: "<figcaption>").count - 1 == 1)
    }

    @Test func aMoscaGridThatNeverChangesTakesOneLine() throws {
        var d = ReportTests.debrief
        for k in d.mosca.indices { d.mosca[k].statuses = d.mosca[k].statuses.map { _ in .red } }
        let rows = d.mosca.count
        let md = ReportTests.section(d.markdown(), "Mosca's inequality over time")
        #expect(md.contains("```\nAll \(rows) bloc-sector rows were ✖ red every turn.\n```"))
        #expect(d.textLines(width: 60).contains("All \(rows) bloc-sector rows were ✖ red every turn."))
        #expect(d.html().contains("every turn.</p>") && !d.html().contains("<table class=\"mosca\">"))
        // The data formats keep every row and turn.
        let back = try Debrief.fromJSON(d.json())
        #expect(back.mosca.count == rows && back.mosca.allSatisfy { $0.statuses.count == d.turnsPlayed })
        #expect(d.csv().components(separatedBy: ",mosca.").count - 1 == rows * d.turnsPlayed)
        // One bloc that never changed takes one line; the others keep theirs.
        var e = ReportTests.debrief
        for k in e.mosca.indices where e.mosca[k].bloc == "US" { e.mosca[k].statuses = e.mosca[k].statuses.map { _ in .green } }
        let grid = e.moscaGrid(width: 80)
        #expect(grid.contains("US all \(d.sectors.count) sectors ● green every turn"))
        #expect(!grid.contains { $0.hasPrefix("US ") && !$0.contains("every turn") })
        #expect(grid.contains { $0.hasPrefix("EU ") })
        // The real game varies, so it keeps the grid.
        #expect(!ReportTests.debrief.markdown().contains("bloc-sector rows were"))
    }

    @Test func theRankingSaysScoresIncludeObjectivePoints() {
        let section = ReportTests.section(ReportTests.debrief.markdown(), "Delegations and their objectives").replacingOccurrences(of: "\n", with: " ")
        #expect(section.contains("plus the points of every objective met."))
    }
}

@Suite("After-action report of a large assembly")
struct LargeAssemblyReportTests {
    /// The default scenario with twenty more member states (copies of its blocs under new ids).
    static func assembly() -> Scenario {
        var s = BundledScenarios.defaultScenario
        let originals = s.blocs
        for k in 0..<20 {
            var def = originals[k % originals.count]
            def.id = "M\(k + 1)"
            def.name = "Member state \(k + 1)"
            def.supply = def.supply.map { _ in 0 }
            def.objectives = []
            s.blocs.append(def)
        }
        s.id = "assembly-30"
        return s
    }

    @Test func theChartsKeepALegibleLegendAndEveryBlocIsInTheData() {
        var game = Game(scenario: Self.assembly(), seed: 3)
        for _ in 0..<4 { game.resolve(Autoplay.computerCommands(game, level: .standard)) }
        let d = DebriefBuilder.build(game)
        #expect(d.outcome.title == "Unfinished at 2026-Q1")
        let html = d.html()
        if let dump = ProcessInfo.processInfo.environment["REPORT_DUMP"] {
            try? html.write(to: URL(fileURLWithPath: dump).appendingPathComponent("assembly.html"), atomically: true, encoding: .utf8)
        }
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        // Ten coloured blocs and one grey entry for the other twenty, in the three bloc charts.
        #expect(html.components(separatedBy: ">20 other blocs</text>").count - 1 == 3)
        // Trust rows for every ordered pair, at the start and after each of the four turns.
        #expect(d.csv().split(separator: "\n").count == 1 + 4 * (30 * (7 + 6 + 4 + 3 + 6) + 4) + 5 * 30 * 29)
        #expect(d.mosca.count == 30 * 6)
        #expect(d.textLines(width: 80).allSatisfy { $0.count <= 80 })
    }
}
