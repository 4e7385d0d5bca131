import Testing
import GameCore
import ScenarioFormat
import Strategy
@testable import Report

/// Orders the computer gave in a delegation's name at zero: marked in the log, played like the
/// delegation's own, and named in a section of the report.
@Suite("Report: orders the computer gave")
struct ComputerOrdersReportTests {
    static let scenario = BundledScenarios.defaultScenario

    @Test func theReportNamesTheDelegationTheTurnAndTheOrders() {
        var marked = Game(scenario: Self.scenario, seed: 11)
        var plain = marked
        let own = Command.order(bloc: "US", .changeBudget(1))
        marked.resolve([own, .givenByComputer(bloc: "US", .counterIntelligence), .givenByComputer(bloc: "US", .espionage(target: "CN"))])
        plain.resolve([own, .order(bloc: "US", .counterIntelligence), .order(bloc: "US", .espionage(target: "CN"))])
        // The rules treat them alike: the same game, whoever gave the orders.
        #expect(marked.hashes == plain.hashes)

        let report = DebriefBuilder.build(marked)
        #expect(report.computerOrders == [ComputerOrders(bloc: "US", turn: 0, label: "2025-Q1",
                                                         orders: ["a counter-intelligence campaign", "espionage against China"])])
        let text = report.markdown()
        #expect(text.contains("Orders the computer gave in a delegation's name"))
        let bullets = report.computerOrderBlocks().compactMap { block -> [String]? in if case .bullets(let b) = block { return b }; return nil }
        #expect(bullets == [["2025-Q1, United States (US): a counter-intelligence campaign; espionage against China."]])
        // A game where the computer never filled in has no such section (and its JSON no such key).
        let none = DebriefBuilder.build(plain)
        #expect(none.computerOrders == nil)
        #expect(!none.markdown().contains("Orders the computer gave"))
    }
}
