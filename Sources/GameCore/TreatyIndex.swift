/// Who is bound to whom, computed once after diplomacy and controls change, so the hot questions
/// of a turn (is this supply cut? do these two interoperate?) are table look-ups, not scans of
/// every treaty. Derived data: never stored in the state.
struct TreatyIndex {
    let n: Int
    /// Per treaty type: `a * n + b` is true when both are members of an in-force treaty of that type.
    var pair: [[Bool]]
    /// Per treaty type: whether a bloc is a member of an in-force treaty of that type.
    var member: [[Bool]]
    /// Per control category: how producer p restricts target t (`p * n + t`): 0 open, 1 regime, 2 unilateral.
    var restrict: [[UInt8]]
    /// `a * n + b` is true when a and b share any in-force treaty.
    var anyPair: [Bool]

    init(state: GameState) {
        let n = state.blocs.count
        self.n = n
        let types = TreatyType.allCases.count
        let cats = ControlCategory.allCases.count
        pair = [[Bool]](repeating: [Bool](repeating: false, count: n * n), count: types)
        member = [[Bool]](repeating: [Bool](repeating: false, count: n), count: types)
        anyPair = [Bool](repeating: false, count: n * n)
        var regime = [[Bool]](repeating: [Bool](repeating: false, count: n * n), count: cats)
        var regimeOpen = [[Bool]](repeating: [Bool](repeating: false, count: n * n), count: cats)
        var supplyOpen = [Bool](repeating: false, count: n * n)
        for i in state.treaties.indices where state.treaties[i].status == .inForce {
            let t = state.treaties[i]
            let k = TreatyIndex.typeIndex(t.type)
            let members = t.members
            var violating: [Int] = []
            for v in t.violations where v.active { violating.append(v.bloc) }
            for a in members {
                member[k][a] = true
                for b in members where a != b {
                    pair[k][a * n + b] = true
                    anyPair[a * n + b] = true
                    if t.type == .supplyPact && !violating.contains(a) { supplyOpen[a * n + b] = true }
                }
            }
            if t.type == .exportRegime {
                for p in members {
                    for target in t.terms.targets where target < n {
                        for c in t.terms.categories {
                            let ci = TreatyIndex.categoryIndex(c)
                            if violating.contains(p) { regimeOpen[ci][p * n + target] = true } else { regime[ci][p * n + target] = true }
                        }
                    }
                }
            }
        }
        var unilateral = [[Bool]](repeating: [Bool](repeating: false, count: n * n), count: cats)
        for c in state.controls where c.by < n && c.target < n {
            unilateral[TreatyIndex.categoryIndex(c.category)][c.by * n + c.target] = true
        }
        restrict = [[UInt8]](repeating: [UInt8](repeating: 0, count: n * n), count: cats)
        let components = TreatyIndex.categoryIndex(.components)
        for ci in 0..<cats {
            for k in 0..<(n * n) {
                if ci == components && supplyOpen[k] { continue }
                if regimeOpen[ci][k] { continue }   // secretly selling to the target
                if regime[ci][k] { restrict[ci][k] = 1 } else if unilateral[ci][k] { restrict[ci][k] = 2 }
            }
        }
    }

    static func typeIndex(_ t: TreatyType) -> Int {
        switch t {
        case .researchPact: return 0
        case .jointLab: return 1
        case .pqcAccord: return 2
        case .exportRegime: return 3
        case .cbm: return 4
        case .cryptanalysisNorm: return 5
        case .verificationRegime: return 6
        case .talentExchange: return 7
        case .supplyPact: return 8
        case .capacityFund: return 9
        }
    }

    static func categoryIndex(_ c: ControlCategory) -> Int {
        switch c {
        case .systems: return 0
        case .components: return 1
        case .software: return 2
        case .talent: return 3
        }
    }

    @inline(__always) func bound(_ type: TreatyType, _ a: Int, _ b: Int) -> Bool { pair[TreatyIndex.typeIndex(type)][a * n + b] }
    @inline(__always) func isMember(_ type: TreatyType, _ a: Int) -> Bool { member[TreatyIndex.typeIndex(type)][a] }
}
