import Foundation
import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Report

/// The debrief as the story of the negotiation (issue 18): every proposal with its answers, trust
/// from the start to the end, branches, defaults folded, charts from the opening values with
/// markers, distinct lines, delegation cards, presentation pages, and questions that never
/// contradict the report's own facts, over many seeds.
@Suite("After-action report: the negotiation story")
struct NegotiationStoryTests {
    static let scenario = BundledScenarios.defaultScenario

    /// A game with no computer players: US proposes three treaties; EU accepts one, CN rejects two,
    /// JP never answers. Nobody chooses on dilemmas, so every one is left to its default.
    static let proposalGame: Game = {
        var game = Game(scenario: scenario, seed: 21)
        game.resolve([.order(bloc: "US", .proposeTreaty(type: .cbm, parties: ["US", "EU", "CN"], terms: OrderTerms())),
                      .order(bloc: "US", .proposeTreaty(type: .talentExchange, parties: ["US", "JP"], terms: OrderTerms())),
                      .order(bloc: "US", .proposeTreaty(type: .cryptanalysisNorm, parties: ["US", "CN"], terms: OrderTerms()))])
        let ids = game.state.treaties.suffix(3).map(\.id)
        game.resolve([.order(bloc: "EU", .respondTreaty(treaty: ids[0], accept: true)),
                      .order(bloc: "CN", .respondTreaty(treaty: ids[0], accept: false)),
                      .order(bloc: "CN", .respondTreaty(treaty: ids[2], accept: false))])
        for _ in 0..<8 { game.resolve([]) }
        return game
    }()

    @Test func everyProposalIsListedWithItsAnswersAndWhyItFailed() throws {
        let d = DebriefBuilder.build(Self.proposalGame)
        // The treaties the scenario starts with were not proposed in the game.
        #expect(d.proposals.count == Self.proposalGame.state.treaties.count - GameState.initial(Self.scenario).treaties.count)
        #expect(d.proposals.count == 3)
        let cbm = d.proposals[0], talent = d.proposals[1], norm = d.proposals[2]
        #expect(cbm.answers.map(\.answer) == ["proposed", "accepted", "rejected"])
        #expect(cbm.answers[1].label == "2025-Q2" && cbm.status != "rejected" && !cbm.signedAs.isEmpty)
        #expect(talent.status == "lapsed" && talent.answers[1].answer == "no answer in time")
        #expect(talent.reason.contains("Japan did not answer in time"))
        #expect(norm.status == "rejected" && norm.reason.contains("rejected by China"))
        let section = ReportPlaytestTests.markdownSection(d, "Treaty proposals")
        #expect(section.contains("3 treaty proposals in this game: 1 signed, 2 never came into force."))
        for p in d.proposals { #expect(section.contains("United States proposed \(p.name)"), "\(p.name)") }
        #expect(section.contains("JP … no answer in time"))
        #expect(section.contains("CN ✗ 2025-Q2"))
        // In the JSON too.
        #expect(try Debrief.fromJSON(d.json()).proposals == d.proposals)
    }

    @Test func dilemmasLeftToTheirDefaultTakeOneLineAPerTurn() {
        let d = DebriefBuilder.build(Self.proposalGame)
        let defaults = d.timeline.filter { $0.kind == .dilemma && $0.text.contains("the default applied") }
        #expect(!defaults.isEmpty)
        for t in 0..<d.turnsPlayed { #expect(defaults.filter { $0.turn == t }.count <= 1) }
        #expect(defaults.allSatisfy { $0.text.hasPrefix("No choice was entered in time, so the default applied: “") })
    }

    @Test func trustIsReportedFromTheStartToTheEnd() {
        let d = ReportTests.debrief
        let start = GameState.initial(Self.scenario).trust
        #expect(d.trust.start == start)
        #expect(d.trust.turns.count == d.turnsPlayed)
        #expect(d.trust.end == ReportTests.game.state.trust)
        let n = d.trust.blocs.count
        let section = ReportPlaytestTests.markdownSection(d, "Trust between the blocs")
        // The grids' first rows: how much US trusts each other bloc, at the start and the end.
        let md = ReportTests.section(d.markdown(), "Trust between the blocs")
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| US ") }.map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.count == 2)
        #expect(rows.first == ["US", "·"] + (1..<n).map { fmt(start[$0], 0) })
        #expect(rows.last == ["US", "·"] + (1..<n).map { fmt(d.trust.end[$0], 0) })
        #expect(section.contains("The largest changes:"))
        let trust = d.charts.first { $0.id == "trust" }
        #expect(trust?.series.count == n)
    }

    @Test func chartsStartAtTheOpeningValuesAndMarkKeyEvents() throws {
        let d = ReportTests.debrief
        let opening = GameState.initial(Self.scenario)
        for c in d.charts { for s in c.series { #expect(s.values.count == d.turnsPlayed + 1, "\(c.id) \(s.key)") } }
        let world = try #require(d.charts.first { $0.id == "world" })
        #expect(world.series[0].values[0] == opening.world.tension)
        #expect(world.series[0].values[1] == ReportTests.game.state.history[0].tension)
        let md = ReportTests.section(d.markdown(), "Charts")
        #expect(md.contains(" start "))
        let line = try #require(md.split(separator: "\n").first { $0.hasPrefix("tension") })
        #expect(line.split(separator: " ")[1] == Substring(fmt(opening.world.tension, 0)))
        // The inject of 2025-Q3 and China's CRQC are marked, in the list and on every chart.
        let markers = world.markers
        #expect(markers.contains { $0.label == "2025-Q3" && $0.text.hasPrefix("Inject: ") })
        #expect(markers.contains { $0.text.hasPrefix("CN builds a CRQC") })
        #expect(md.contains("Numbered markers show the key events:"))
        let html = d.html()
        #expect(html.components(separatedBy: "stroke-dasharray=\"2 4\"").count - 1 == markers.count * d.charts.count)
    }

    /// Two lines drawn with the same dash pattern must differ clearly in colour (EU and Russia
    /// were both orange dashes, China and Japan both dotted).
    @Test func everyBlocHasItsOwnLineStyle() throws {
        let html = ReportTests.debrief.html()
        let svg = String(html[html.range(of: "<svg")!.lowerBound..<html.range(of: "</svg>")!.upperBound])
        var lines: [(colour: String, dash: String, name: String)] = []
        for part in svg.components(separatedBy: "<polyline fill=\"none\" stroke=\"").dropFirst() {
            let colour = String(part.prefix(7))
            let dash = part.range(of: "stroke-dasharray=\"").map { String(part[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            let name = part.range(of: "<title>").map { String(part[$0.upperBound...].prefix { $0 != "<" }) } ?? ""
            if colour != "#111111" { lines.append((colour, dash, name)) }
        }
        #expect(lines.count == Self.scenario.blocs.count)
        func rgb(_ hex: String) -> [Double] {
            let v = Int(hex.dropFirst(), radix: 16) ?? 0
            return [Double(v >> 16 & 255), Double(v >> 8 & 255), Double(v & 255)]
        }
        for i in lines.indices { for j in lines.indices where j > i {
            let a = rgb(lines[i].colour), b = rgb(lines[j].colour)
            var d2 = 0.0
            for k in 0..<3 { d2 += (a[k] - b[k]) * (a[k] - b[k]) }
            #expect(lines[i].dash != lines[j].dash || d2 > 100 * 100, "\(lines[i].name) and \(lines[j].name) look alike")
            #expect(lines[i].colour != lines[j].colour, "\(lines[i].name) and \(lines[j].name)")
        } }
    }

    @Test func eachDelegationHasACard() {
        let d = ReportTests.debrief
        #expect(d.cards.map(\.bloc) == Self.scenario.blocs.map(\.id))
        let md = ReportTests.section(d.markdown(), "Delegation cards")
        for c in d.cards { #expect(md.contains("### \(c.name) (\(c.bloc))")) }
        // What others read of a bloc agrees with the exposure table.
        for c in d.cards {
            let readers = Set(d.exposure.decrypted.filter { $0.victim == c.bloc }.map(\.harvester))
            for r in readers { #expect(c.readByOthers.contains { $0.hasPrefix(d.name(r) + " read its ") }, "\(c.bloc) read by \(r)") }
            if readers.isEmpty && !d.exposure.messagesRead.contains(where: { $0.from == c.bloc }) {
                #expect(c.readByOthers == ["Nobody read its traffic or its messages."])
            }
        }
        let eu = d.cards.first { $0.bloc == "EU" }
        #expect(eu?.decisions.contains { $0.contains("Proposed to the facilitator: “\(ReportTests.ruledText)") } == true)
    }

    @Test func thePresentationPagesFitTheScreenAndTheContentsListEverySection() throws {
        let d = ReportTests.debrief
        let slides = d.paginate(d.blocks(wholeCards: true), firstSlide: d.titleSlideBlocks())
        #expect(slides.count > 15)
        for (k, s) in slides.enumerated() where k > 0 {
            var h = 0.0
            for b in s.blocks { h += Debrief.height(b, mosca: d.moscaSameEverywhere() != nil ? 0 : d.mosca.count, sectors: d.sectors.count) }
            let single = s.blocks.filter { if case .heading = $0 { return false }; return true }.count <= 1
            #expect(h <= Debrief.slideRoom + 70 || single, "page \(k + 1) (\(s.section)) is \(Int(h)) px: \(s.blocks.map { "\($0)".prefix(60) })")
        }
        let html = d.html()
        #expect(html.components(separatedBy: "<section class=\"slide\"").count - 1 == slides.count)
        for heading in ["Outcome: ", "Timeline of key events", "Treaty proposals", "Trust between the blocs", "Charts",
                        "Questions for discussion", "Delegation cards"] {
            #expect(html.contains("<li><a href=\"#slide-") && html.range(of: "\">\(heading)") != nil, "\(heading) in the contents")
        }
        // Nothing is lost by paging: every timeline entry is on some page.
        let timelineRows = html.components(separatedBy: "<td class=\"when\">").count - 1
        #expect(timelineRows == d.timeline.count)
    }

    /// Computer-played games with a facilitator who reveals a secret CRQC to one delegation: each
    /// question's claims are checked against the report's own data.
    @Test(arguments: Array(UInt64(1)...UInt64(40)))
    func theQuestionsNeverContradictTheReport(seed: UInt64) throws {
        var game = Game(scenario: Self.scenario, seed: seed)
        var revealed: [Int] = []
        while !game.isOver {
            var commands = Autoplay.computerCommands(game, level: .standard)
            for (b, bloc) in game.state.blocs.enumerated() where bloc.hasCRQC && !bloc.crqcPublic && !revealed.contains(b) {
                revealed.append(b)
                if let other = game.state.blocs.indices.first(where: { $0 != b && !bloc.crqcKnownBy[$0] }) {
                    commands.append(.facilitator(.reveal(secret: .crqc(bloc: Self.scenario.blocs[b].id), to: [Self.scenario.blocs[other].id])))
                }
            }
            game.resolve(commands)
        }
        let d = DebriefBuilder.build(game)
        try Self.check(d, game)
    }

    static func check(_ d: Debrief, _ game: Game) throws {
        #expect((5...8).contains(d.questions.count))
        func bloc(named text: String) -> DelegationReport? {
            d.delegations.filter { text.hasPrefix($0.name) }.max { $0.name.count < $1.name.count }
        }
        for q in d.questions {
            if let r = q.range(of: " held a CRQC, hidden from the world, from ") {
                let del = try #require(bloc(named: q))
                let built = String(q[r.upperBound...].prefix(7))
                #expect(del.crqc?.hasPrefix("built \(built)") == true, "\(q) / \(del.crqc ?? "")")
                if let u = q.range(of: " until ") {
                    let until = String(q[u.upperBound...].prefix(7))
                    #expect(del.crqc?.contains("public from \(until)") == true, "\(q)")
                } else {
                    #expect(del.crqc?.contains("kept secret") == true || del.crqc?.contains("public from") == false, "\(q)")
                }
                // Every reveal the timeline shows before it was public is in the question.
                for e in d.timeline where e.kind == .facilitator && e.text.contains("that \(del.name) has a CRQC") && e.text.hasPrefix("The facilitator revealed to ") {
                    let whom = e.text.dropFirst("The facilitator revealed to ".count).prefix { $0 != " " }
                    let who = d.delegations.first { e.text.hasPrefix("The facilitator revealed to \($0.name) that") }?.name ?? String(whom)
                    // A reveal in the very turn the world learned of it adds nothing.
                    let until = q.range(of: " until ").map { String(q[$0.upperBound...].prefix(7)) }
                    if who != "everyone" && e.label != until { #expect(q.contains("\(who) learned of it in \(e.label)"), "\(q) / \(e.text)") }
                }
            }
            if q.contains("Mosca's inequality was") {
                let del = try #require(bloc(named: q))
                let rows = d.mosca.filter { $0.bloc == del.id }
                if q.contains("red for all \(rows.count) of its sectors at every turn") {
                    #expect(rows.allSatisfy { $0.statuses.allSatisfy { $0 == .red } })
                } else {
                    let r = try #require(q.range(of: "Mosca's inequality was already red for "))
                    let rest = q[r.upperBound...]
                    let label = String(rest[rest.range(of: " in ")!.upperBound...].prefix(7))
                    let t = try #require(d.turnLabels.firstIndex(of: label))
                    let red = rows.filter { $0.statuses[t] == .red }.count
                    let said = rest.hasPrefix("all") ? rows.count : (rest.hasPrefix("one of") ? 1 : Int(rest.prefix { $0.isNumber }) ?? -1)
                    #expect(red == said, "\(q)")
                    #expect(!rows.contains { $0.statuses[..<t].contains(.red) }, "\(q)")
                }
            }
            if let r = q.range(of: "Tension peaked at ") {
                var peak = -1.0
                for h in d.history { peak = max(peak, h.tension) }
                #expect(q[r.upperBound...].hasPrefix(fmt(peak, 0) + " in "), "\(q)")
                #expect(d.charts[2].series[0].values[0] < peak)
            }
            if q.hasPrefix("Tension never rose above its opening ") {
                let opening = d.charts[2].series[0].values[0]
                #expect(d.history.allSatisfy { $0.tension <= opening })
            }
            if q.contains(" finished with the highest score and ") {
                let ranked = d.delegations.sorted { $0.rank < $1.rank }
                #expect(q.hasPrefix(ranked[0].name) && q.contains("and \(ranked[ranked.count - 1].name) with the lowest"), "\(q)")
            }
            if let r = q.range(of: " crossed the CRQC threshold first, in ") {
                #expect(d.outcome.firstCRQC?.label == String(q[r.upperBound...].prefix(7)))
            }
            if let r = q.range(of: "No choice was entered in time for ") {
                let rest = q[r.upperBound...]
                let del = try #require(bloc(named: String(rest)))
                let title = String(rest[rest.range(of: "“")!.upperBound...].prefix { $0 != "”" })
                let label = String(rest[rest.range(of: "” in ")!.upperBound...].prefix(7))
                #expect(d.timeline.contains { $0.kind == .dilemma && $0.label == label && $0.text.contains("on “\(title)” for ") && $0.blocs.contains(del.id) }, "\(q)")
            }
        }
    }
}
