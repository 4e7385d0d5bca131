/// Who is bound to whom, computed once after diplomacy and controls change, so the hot questions
/// of a turn (is this supply cut? do these two interoperate?) are table look-ups, not scans of
/// every treaty. Derived data: never stored in the state.
struct TreatyIndex {
    let n: Int
    /// Per treaty type k: `pair[k * n * n + a * n + b]` is true when both are members of an in-force treaty of that type.
    var pair: [Bool]
    /// Per treaty type k: `member[k * n + a]`, whether a bloc is a member of an in-force treaty of that type.
    var member: [Bool]
    /// Per control category c: how producer p restricts target t (`restrict[c * n * n + p * n + t]`): 0 open, 1 regime, 2 unilateral.
    var restrict: [UInt8]
    /// `a * n + b` is true when a and b share any in-force treaty.
    var anyPair: [Bool]

    /// An index in which nobody is bound: what a turn starts with, before the controls phase
    /// builds the real one (nothing earlier in a turn reads it).
    init(unboundBlocs n: Int) {
        self.n = n
        pair = [Bool](repeating: false, count: TreatyType.allCases.count * n * n)
        member = [Bool](repeating: false, count: TreatyType.allCases.count * n)
        restrict = [UInt8](repeating: 0, count: ControlCategory.allCases.count * n * n)
        anyPair = [Bool](repeating: false, count: n * n)
    }

    init(state: GameState) {
        let n = state.blocs.count
        let nn = n * n
        self.n = n
        let types = TreatyType.allCases.count
        let cats = ControlCategory.allCases.count
        // Filled through raw buffers and copied into the arrays at the end: the pair loops write
        // a few thousand flags a turn, and checked, overflow-tested array writes were half of the
        // index's cost. Every slot written is in range by construction: blocs outside 0..<n are
        // skipped (a validated state has none), and types and categories are ordinals.
        let pairs = Scratch<Bool>(types * nn, false), members = Scratch<Bool>(types * n, false)
        let sharing = Scratch<Bool>(nn, false), supplyOpen = Scratch<Bool>(nn, false)
        // Per category: 1 = a regime member restricts, 2 = a regime member secretly sells (open).
        let regime = Scratch<UInt8>(cats * nn, 0)
        defer { pairs.free(); members.free(); sharing.free(); supplyOpen.free(); regime.free() }
        var violating: [Int] = []
        for i in state.treaties.indices where state.treaties[i].status == .inForce {
            // Fields read in place (a copy of the treaty retained and released its box).
            let type = state.treaties[i].type
            let k = TreatyIndex.typeIndex(type)
            let treatyMembers = state.treaties[i].members
            violating.removeAll(keepingCapacity: true)
            for v in state.treaties[i].violations where v.active { violating.append(v.bloc) }
            let supply = type == .supplyPact
            let pairBase = k &* nn
            for a in treatyMembers where a >= 0 && a < n {
                members[k &* n &+ a] = true
                let open = supply && !violating.contains(a)
                let row = a &* n
                for b in treatyMembers where a != b && b >= 0 && b < n {
                    pairs[pairBase &+ row &+ b] = true
                    sharing[row &+ b] = true
                    if open { supplyOpen[row &+ b] = true }
                }
            }
            if type == .exportRegime {
                let terms = state.treaties[i].terms
                for p in treatyMembers where p >= 0 && p < n {
                    let secretlySelling = violating.contains(p)
                    for target in terms.targets where target >= 0 && target < n {
                        for c in terms.categories {
                            let slot = TreatyIndex.categoryIndex(c) &* nn &+ p &* n &+ target
                            if secretlySelling { regime[slot] = 2 } else if regime[slot] == 0 { regime[slot] = 1 }
                        }
                    }
                }
            }
        }
        var restrict = [UInt8](repeating: 0, count: cats * nn)
        for c in state.controls where c.by >= 0 && c.by < n && c.target >= 0 && c.target < n {
            restrict[TreatyIndex.categoryIndex(c.category) * nn + c.by * n + c.target] = 2
        }
        let components = TreatyIndex.categoryIndex(.components)
        restrict.withUnsafeMutableBufferPointer { restrict in
            for ci in 0..<cats {
                for k in 0..<nn {
                    let slot = ci &* nn &+ k
                    if (ci == components && supplyOpen[k]) || regime[slot] == 2 {
                        restrict[slot] = 0          // a supply pact, or a regime member secretly selling to the target
                    } else if regime[slot] == 1 {
                        restrict[slot] = 1
                    }
                }
            }
        }
        self.restrict = restrict
        pair = pairs.array
        member = members.array
        anyPair = sharing.array
    }

    @inline(__always) static func typeIndex(_ t: TreatyType) -> Int { t.ordinal }

    @inline(__always) static func categoryIndex(_ c: ControlCategory) -> Int { c.ordinal }

    @inline(__always) func bound(_ type: TreatyType, _ a: Int, _ b: Int) -> Bool { pair[TreatyIndex.typeIndex(type) * n * n + a * n + b] }
    @inline(__always) func isMember(_ type: TreatyType, _ a: Int) -> Bool { member[TreatyIndex.typeIndex(type) * n + a] }
    /// How producer p restricts target t in a category: 0 open, 1 regime, 2 unilateral.
    @inline(__always) func restriction(_ category: ControlCategory, _ p: Int, _ t: Int) -> Int {
        Int(restrict[TreatyIndex.categoryIndex(category) * n * n + p * n + t])
    }
}

/// A zero-filled raw buffer for building an index without checked, overflow-tested array writes;
/// the index's loops keep every slot in range themselves. Freed by its owner.
private struct Scratch<Element: BitwiseCopyable> {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ count: Int, _ zero: Element) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: zero)
    }
    subscript(i: Int) -> Element {
        @inline(__always) get { buffer.baseAddress.unsafelyUnwrapped[i] }
        @inline(__always) nonmutating set { buffer.baseAddress.unsafelyUnwrapped[i] = newValue }
    }
    var array: [Element] { Array(buffer) }
    func free() { buffer.deallocate() }
}
