import Foundation
import GameCore
import Testing
@testable import ScenarioFormat

/// A complete, valid scenario that uses every part of the format: 3 blocs, 3 sectors, 2 chokepoints,
/// each term-bearing treaty type, a control, an event with a dilemma, an inject and objectives.
let fixture = #"""
format: 1
id: test-triad
title: Three-bloc test
summary: A small scenario for tests.
briefing: |
  Three blocs race for the first CRQC.
start: 2025-Q1
end: 2030-Q4
turn: quarter
seed: 7
rules:
  crqcLogicalQubits: 900
  pqcBasePace: 0.1
  doctrines:
    hedger: {security: 10, prosperity: 50, influence: 20, stability: 20}
sectors:
  - {id: government, name: Government & diplomatic, shelfLife: 25, qkd: true}
  - {id: finance, name: Finance, shelfLife: 7, weight: 2}
  - {id: critical-infra, name: Critical infrastructure, shelfLife: 15}
chokepoints:
  - {id: dilution-fridges, name: Dilution refrigerators}
  - {id: helium-3, name: Helium-3}
blocs:
  - id: US
    name: United States
    doctrine: tech-leader
    groups: [NATO, G7]
    gdp: 29
    budget: 4
    capital: 5
    support: 55
    computing: 60
    sensing: 70
    qkdKm: 100
    workforce: 40
    sigint: 90
    standard: nist
    pqc: {government: 0.2, critical-infra: 0.1}
    supply: {dilution-fridges: 0.6, helium-3: 0.3}
    allocation: {computing: 40, sensing: 15, communication: 5, workforce: 15, pqc: 20, supply: 5}
    briefing: Lead the race.
    objectives:
      - id: federal-pqc
        text: Federal systems quantum-safe by 2029
        points: 15
        by: 2029-Q4
        condition: self.pqc.government >= 0.95
      - id: stay-ahead
        text: Stay ahead of China
        secret: true
        condition: "self.computing > CN.computing and trust(self, CN) > -50"
  - id: EU
    name: European Union
    doctrine: standards-power
    groups: [G7, TTC]
    gdp: 19.4
    budget: 2.5
    capital: 4
    support: 60
    computing: 25
    sensing: 50
    qkdKm: 2000
    workforce: 45
    sigint: 55
    counterintel: 60
    standard: hybrid
    pqc: {government: 0.1, finance: 0.2}
    supply: {dilution-fridges: 0.3}
    allocation: {computing: 30, communication: 20, workforce: 20, pqc: 30}
    objectives:
      - id: eu-standard
        text: Keep the hybrid standard
        condition: self.standard == hybrid
  - id: CN
    name: China
    doctrine: state-directed
    groups: [BRICS]
    gdp: 18.7
    budget: 3.5
    capital: 6
    support: 70
    computing: 50
    sensing: 65
    qkdKm: 12000
    workforce: 50
    sigint: 85
    standard: national
    supply: {helium-3: 0.2}
    allocation: {computing: 50, sensing: 10, communication: 10, workforce: 10, pqc: 10, supply: 10}
    developing: true
relations:
  - {between: [US, EU], trust: 70}
  - {between: [US, CN], trust: -30}
treaties:
  - {type: research-pact, parties: [US, EU], since: 2021-Q4}
  - {type: pqc-accord, name: Transatlantic PQC Accord, parties: [US, EU], since: 2024, family: nist, deadline: 2030-H1}
  - {type: export-regime, parties: [US, EU], since: 2024-Q3, categories: [systems, components], targets: [CN]}
  - {type: cryptanalysis-norm, parties: [US, EU, CN], since: 2025-Q1, sectors: [finance, critical-infra]}
  - {type: joint-lab, parties: [EU, CN], since: 2023-H2, host: EU, contribution: 10}
  - {type: capacity-fund, parties: [US, CN], since: 2022, contribution: 0.5}
controls:
  - {by: US, against: [CN], categories: [systems, components]}
events:
  - id: resource-estimate
    title: RSA-2048 needs fewer qubits than thought
    text: |
      A new paper cuts the estimate twentyfold.
    trigger: {from: 2025-Q2, to: 2026, chance: 0.5, when: "world.tension < 80 and turn >= 2025-Q3"}
    once: true
    effects: ["world.crqcLogicalQubits *= 0.7", "all.support += 2", "trust(US, CN) -= 5"]
    dilemma:
      for: [US, EU]
      options:
        - {label: Fund an emergency push, effects: ["self.budget += 0.5", "self.support -= 3"]}
        - {label: Stay the course, effects: []}
injects:
  - id: spy-scandal
    title: Spy scandal at the joint lab
    text: An engineer is arrested.
    effects: ["trust(EU, CN) -= 15", "CN.standard = national"]

"""#

/// Parses `text` and returns its errors (none when it is valid).
func errors(of text: String, file: String = "test.yaml") -> [ScenarioError] {
    do {
        _ = try ScenarioLoader.parse(text: text, file: file)
        return []
    } catch {
        return error.errors
    }
}

/// The fixture with `old` (which must occur exactly once) replaced by `new`.
func fixture(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let count = fixture.components(separatedBy: old).count - 1
    #expect(count == 1, "`\(old)` occurs \(count) times in the fixture", sourceLocation: sourceLocation)
    return fixture.replacingOccurrences(of: old, with: new)
}

/// 1-based line of the first line of `text` containing `needle`.
func line(of needle: String, in text: String = fixture) -> Int {
    let lines = text.components(separatedBy: "\n")
    return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
}

/// 1-based column of `needle` in the first line containing it (0 when absent).
func column(of needle: String, in text: String = fixture) -> Int {
    let n = line(of: needle, in: text)
    guard n > 0 else { return 0 }
    let l = text.components(separatedBy: "\n")[n - 1]
    guard let range = l.range(of: needle) else { return 0 }
    return l.unicodeScalars.distance(from: l.unicodeScalars.startIndex, to: range.lowerBound) + 1
}
