import Testing
@testable import GameCore

@Suite("Dropping harvested lots")
struct StockpileTests {
    /// `dropLots(where:)` must leave exactly what `removeAll(where:)` leaves, in the same order:
    /// the stockpile is part of the state hash, so any difference would change every later game.
    @Test func dropLotsKeepsWhatRemoveAllKeepsInOrder() {
        var rng = Xoshiro256(seed: 20261127)
        for trial in 0..<2_000 {
            let count = trial % 7 == 0 ? 0 : Int(rng.unit() * 60)
            var lots: [HarvestLot] = []
            for k in 0..<count {
                lots.append(HarvestLot(harvester: Int(rng.unit() * 4), victim: Int(rng.unit() * 4), sector: Int(rng.unit() * 6),
                                       turn: k / 3, volume: rng.unit() < 0.1 ? 0 : rng.unit()))
            }
            let now = 20, years = 0.25
            let shelfLife = [2.0, 1.0, 3.5, 0.5, 5.0, 0.25]
            let pickers: [(HarvestLot) -> Bool] = [
                { Double(now - $0.turn) * years >= shelfLife[$0.sector] },            // decay, as the politics phase drops
                { $0.volume <= 1e-9 || ($0.harvester == 1 && $0.sector < 3) },       // as decrypting drops
                { _ in true },
                { _ in false },
            ]
            for (p, drop) in pickers.enumerated() {
                var expected = lots
                expected.removeAll(where: drop)
                var actual = lots
                actual.dropLots(where: drop)
                if actual != expected {
                    Issue.record("trial \(trial), picker \(p): \(actual.count) lots kept, expected \(expected.count)")
                    return
                }
            }
        }
    }

    @Test func droppingOneEarlyLotKeepsTheRestInOrder() {
        var lots = (0..<5).map { HarvestLot(harvester: 0, victim: 1, sector: 0, turn: $0, volume: Double($0)) }
        lots.dropLots { $0.turn == 1 }
        #expect(lots.map(\.turn) == [0, 2, 3, 4])
        #expect(lots.map(\.volume) == [0, 2, 3, 4])
    }
}
