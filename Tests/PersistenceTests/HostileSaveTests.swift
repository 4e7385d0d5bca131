import Foundation
import GameCore
@testable import Persistence
import ScenarioFormat
import Strategy
import Testing

/// The holes of issue 16: commands the rules trapped on, duplicate keys, trusted snapshots,
/// saves that could be written but not read, pipes, and debris of killed writes.
@Suite("Hostile saves and commands (issue 16)")
struct HostileSaveTests {
    func duplicate(_ json: String) -> String? { DuplicateKeys.first(in: Array(json.utf8))?.key }

    static let scenario = Fixture.quick

    /// One command of every kind, each naming something the scenario does not have or carrying
    /// a number out of range.
    static var badCommands: [Command] {
        let ok = "US"
        let far = 1e12
        func adjust(_ target: Reference, _ value: Expr = .number(1)) -> Command {
            .facilitator(.adjust(effect: Effect(target: target, op: .set, value: value, source: "x"), reason: "test"))
        }
        var deep: Expr = .number(1)
        for _ in 0..<40 { deep = .unary(.negate, deep) }
        let long = String(repeating: "a", count: CommandValidation.maximumTextBytes + 1)
        return [
            .order(bloc: "ZZ", .counterIntelligence),
            .order(bloc: ok, .allocate([20, 20, 20, 20, 20])),
            .order(bloc: ok, .allocate([100, 0, 0, 0, 0, -far])),
            .order(bloc: ok, .changeBudget(far)),
            .order(bloc: ok, .mandate(sector: "nope", deadline: "2030-Q1")),
            .order(bloc: ok, .deployQKD(billion: -far, satellite: false)),
            .order(bloc: ok, .imposeControl(category: .systems, targets: ["ZZ"])),
            .order(bloc: ok, .liftControl(category: .systems, targets: [ok, "ZZ"])),
            .order(bloc: ok, .proposeTreaty(type: .researchPact, parties: [ok, "ZZ"], terms: OrderTerms())),
            .order(bloc: ok, .proposeTreaty(type: .pqcAccord, parties: [ok], terms: OrderTerms(sectors: ["nope"]))),
            .order(bloc: ok, .proposeTreaty(type: .jointLab, parties: [ok], terms: OrderTerms(host: "ZZ"))),
            .order(bloc: ok, .proposeTreaty(type: .capacityFund, parties: [ok], terms: OrderTerms(contribution: far))),
            .order(bloc: ok, .respondTreaty(treaty: 5_000_000_000, accept: true)),
            .order(bloc: ok, .withdrawTreaty(treaty: -5_000_000_000)),
            .order(bloc: ok, .violateTreaty(treaty: Int.max, violate: true)),
            .order(bloc: ok, .harvest(target: "ZZ", active: true)),
            .order(bloc: ok, .espionage(target: "")),
            .order(bloc: ok, .dialogue(with: "zz")),
            .order(bloc: ok, .statement(text: "x", attributeTo: "ZZ")),
            .order(bloc: ok, .statement(text: long, attributeTo: nil)),
            .order(bloc: ok, .aid(to: "ZZ", billion: 1)),
            .order(bloc: ok, .aid(to: "EU", billion: far)),
            .order(bloc: ok, .message(to: "ZZ", text: "hello")),
            .order(bloc: ok, .message(to: "EU", text: long)),
            .order(bloc: ok, .freeAction(text: long, intent: "x")),
            .order(bloc: ok, .chooseDilemma(dilemma: 0, option: 5_000_000_000)),
            .facilitator(.inject(id: "no-such-inject")),
            .facilitator(.customEvent(title: "t", text: "x", effects: [Effect(target: .bloc(.bloc(-1), .gdp), op: .add, value: .number(1), source: "x")])),
            adjust(.bloc(.bloc(-1), .gdp)),
            adjust(.bloc(.bloc(99), .support)),
            adjust(.bloc(.bloc(0), .pqc(sector: 99))),
            adjust(.bloc(.bloc(0), .pqc(sector: -1))),
            adjust(.bloc(.all, .supply(chokepoint: 99))),
            adjust(.trust(.bloc(-1), .bloc(0))),
            adjust(.trust(.bloc(0), .bloc(99))),
            adjust(.bloc(.bloc(0), .support), .ref(.bloc(.bloc(0), .pqc(sector: 99)))),
            adjust(.bloc(.bloc(0), .support), .ref(.trust(.bloc(0), .bloc(-7)))),
            adjust(.bloc(.bloc(0), .support), .number(far)),
            adjust(.bloc(.bloc(0), .support), deep),
            adjust(.bloc(.bloc(0), .score)),
            adjust(.turn),
            .facilitator(.ruling(action: 0, accept: true, effects: [Effect(target: .bloc(.bloc(99), .gdp), op: .add, value: .number(1), source: "x")], reason: "r")),
            .facilitator(.reveal(secret: .crqc(bloc: "ZZ"), to: [])),
            .facilitator(.reveal(secret: .harvest(by: ok, target: "ZZ"), to: [])),
            .facilitator(.reveal(secret: .objectives(bloc: ok), to: ["ZZ"])),
            .facilitator(.timer(TurnTimer(minutes: 0, atZero: .wait))),
            .facilitator(.timer(TurnTimer(minutes: 100_000, atZero: .wait))),
        ]
    }

    @Test func everyKindOfCommandOutOfRangeIsRefusedWithASentenceAndNeverTraps() throws {
        for command in Self.badCommands {
            let problem = try #require(CommandValidation.problem(command, in: Self.scenario), "accepted: \(command)")
            #expect(problem.sentence.hasSuffix(".") && problem.sentence.count < 300, "\(problem.sentence)")
            // The rules leave it out instead of trapping (before the fix, adjust with bloc -1 or
            // sector 99 stopped the program with SIGILL).
            var game = Game(scenario: Self.scenario, seed: 3)
            game.resolve([command])
            game.resolve([command])
            #expect(game.state.turn == 2)
        }
        // Every kind of order and facilitator action is covered.
        let kinds = Set(Self.badCommands.map { c -> String in
            switch c { case .order(_, let o), .givenByComputer(_, let o): return o.kind; case .facilitator(let a): return a.kind }
        })
        // (chooseStandard, decrypt and disclose carry nothing that can be out of range.)
        #expect(kinds.count == 22 - 3 + 6, "\(kinds.sorted())")
    }

    @Test func aSaveWithAnOutOfRangeCommandIsRefusedNamingTheTurnAndTheCommand() throws {
        let saved = Fixture.saved(Self.scenario, seed: 7, turns: 3)
        let good = try SaveCodec.encode(saved)
        for command in Self.badCommands {
            var tree = Fixture.tree(good)
            var log = tree["log"] as! [Any]
            var turn = log[1] as! [Any]
            guard let encoded = try? JSONEncoder().encode(command) else { continue }  // numbers JSON cannot carry
            turn.append(try JSONSerialization.jsonObject(with: encoded))
            log[1] = turn
            tree["log"] = log
            tree["checksum"] = SaveChecksum.digest(ofTree: tree)   // the checksum has no key: anyone can recompute it
            let error = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "mailed.json") }
            // (An expression nested too deep for the rules is nested too deep for a save too.)
            let nested = error.problem.contains("nests more than")
            #expect(error.description.hasPrefix("mailed.json: Turn 2 ") || nested, "\(error.description)")
            #expect(error.kind == .tampered || nested, "\(error.description)")
        }
    }

    @Test func duplicateKeysAnywhereAreRefused() throws {
        let a = try SaveCodec.encode(Fixture.saved(Self.scenario, seed: 5, turns: 3))
        let b = Fixture.tree(try SaveCodec.encode(Fixture.saved(Self.scenario, seed: 6, turns: 3)))
        // Another game's log, hashes and snapshot before the original keys (the checksum read the
        // last copy and the loader the first).
        var prefix = "{"
        for key in ["hashes", "log", "snapshot"] {
            let value = String(decoding: try JSONSerialization.data(withJSONObject: b[key]!, options: [.fragmentsAllowed]), as: UTF8.self)
            prefix += "\"\(key)\":\(value),"
        }
        let spliced = Array(prefix.utf8) + a.dropFirst()
        let error = try #require(throws: SaveError.self) { try SaveCodec.decode(spliced, file: "twice.json") }
        #expect(error.kind == .tampered)
        #expect(error.problem.contains("appears twice"), "\(error.problem)")
        // A key spelled with an escape is the same key.
        let escaped = Array("{\"\\u006cog\":[],".utf8) + a.dropFirst()
        #expect(throws: SaveError.self) { try SaveCodec.decode(escaped, file: "twice.json") }
        // Deep inside: the first command's bloc written twice.
        var text = String(decoding: a, as: UTF8.self)
        let range = try #require(text.range(of: "\"bloc\":\""))
        text.replaceSubrange(range, with: "\"bloc\":\"EU\",\"bloc\":\"")
        #expect(throws: SaveError.self) { try SaveCodec.decode(Array(text.utf8), file: "twice.json") }
        // The same key in different objects, or inside a string, is fine.
        #expect(duplicate("{\"a\":{\"a\":1},\"b\":[{\"a\":2},{\"a\":3}],\"c\":\"{\\\"a\\\":1,\\\"a\\\":2}\"}") == nil)
        #expect(duplicate("{\"a\":1,\"b\":{\"x\":1,\"x\":2}}") == "x")
    }

    @Test func aDivergedReplayIsRefusedSayingWhereAndWhyUnlessAskedToUseTheSnapshot() throws {
        let saved = Fixture.saved(Self.scenario, seed: 3, turns: 6)
        var tree = Fixture.tree(try SaveCodec.encode(saved))
        var log = tree["log"] as! [Any]
        log[3] = [Any]()              // turn 4's orders removed, checksum recomputed
        tree["log"] = log
        tree["checksum"] = SaveChecksum.digest(ofTree: tree)
        let changed = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "c.json") }
        #expect(changed.kind == .diverged)
        #expect(changed.problem.hasPrefix("The replay diverged at turn 4 ("), "\(changed.problem)")
        #expect(changed.problem.contains("was changed after it was saved"))
        tree["program"] = "0.0.9"
        let older = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(tree), file: "c.json") }
        #expect(older.problem.contains("written by entangled 0.0.9"), "\(older.problem)")
        // Asked explicitly, the checked snapshot is used.
        let loaded = try SaveCodec.decode(Fixture.bytes(tree), file: "c.json", fromSnapshot: true)
        #expect(loaded.divergence?.turn == 3)
        #expect(loaded.game.state.canonicalHash == saved.game.state.canonicalHash)
    }

    @Test func seatsOutsideTheChecksumAreCheckedNotTrusted() throws {
        let tree = Fixture.tree(try SaveCodec.encode(Fixture.saved(Self.scenario, seed: 4, turns: 2, humans: ["US"])))
        for seats in [["humans": ["ZZ"], "level": "standard"], ["humans": ["US", "US"], "level": "standard"],
                      ["humans": ["US"], "level": "godlike"]] as [[String: Any]] {
            var t = tree
            t["seats"] = seats
            let error = try #require(throws: SaveError.self) { try SaveCodec.decode(Fixture.bytes(t), file: "s.json") }
            #expect(error.problem.contains("seats"), "\(error.problem)")
        }
    }

    @Test func aGameWhoseSaveWouldNotLoadIsNotWrittenAndTheOldFileStays() throws {
        let folder = Fixture.folder()
        let path = folder + "/game.json"
        var saved = Fixture.saved(Self.scenario, seed: 8, turns: 2)
        try SaveStore.write(saved, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        // The rules leave the command out, but it stays in the log, and loading would refuse it.
        saved.game.resolve([.facilitator(.adjust(effect: Effect(target: .bloc(.bloc(-1), .gdp), op: .add, value: .number(1), source: "x"), reason: "r"))])
        let error = try #require(throws: SaveError.self) { try SaveStore.write(saved, to: path) }
        #expect(error.kind == .unwritable)
        #expect(error.problem.contains("would not load again"), "\(error.problem)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try SaveStore.load(path: path).game.log.count == 2)
    }

    @Test func anEffectFarBeyondAValuesRangeStillGivesASaveThatLoads() throws {
        // `US.gdp *= 1e15` used to leave a number the loader refused after one turn.
        var scenario = Self.scenario
        let boost = Effect(target: .bloc(.bloc(0), .gdp), op: .multiply, value: .number(1e15), source: "US.gdp *= 1000000000000000")
        scenario.events[0].effects = [boost, boost]
        scenario.events[0].trigger = Trigger(from: nil, to: nil, chance: 1, when: nil)
        scenario.events[0].once = false
        var game = Game(scenario: scenario, seed: 2)
        Autoplay.continuePlaying(&game, turns: 3)
        #expect(game.state.blocs[0].gdp <= 1e6)
        let bytes = try SaveCodec.encode(SavedGame(game: game, scenarioSource: nil))
        let loaded = try SaveCodec.decode(bytes, file: "big.json", known: [scenario])
        #expect(loaded.game.state.canonicalHash == game.state.canonicalHash)
    }

    @Test func aPipeOrDeviceIsRefusedAtOnce() throws {
        let folder = Fixture.folder()
        let fifo = folder + "/save.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = try #require(throws: SaveError.self) { try SaveStore.load(path: fifo) }
        #expect(error.problem.contains("not a regular file"))
        #expect(throws: SaveError.self) { try SaveStore.load(path: "/dev/zero") }
        #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: fifo) }
    }

    @Test func debrisOfAKilledWriteIsRemovedByTheNextSaveToThatPlace() throws {
        let folder = Fixture.folder()
        // A process id that is not running: a child that has exited and been reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = folder + "/.game.json.tmp-\(child.processIdentifier)-12345"
        let live = folder + "/.game.json.tmp-\(getppid())-999"
        let other = folder + "/.other.json.tmp-\(child.processIdentifier)-1"
        for p in [dead, live, other] { FileManager.default.createFile(atPath: p, contents: Data("{".utf8)) }
        try SaveStore.write(Fixture.saved(Self.scenario, seed: 1, turns: 1), to: folder + "/game.json")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))    // a writer that may still be running
        #expect(FileManager.default.fileExists(atPath: other))   // another file's business
    }
}
