import GameCore
import Testing
@testable import ScenarioFormat

/// The expression language on its own: trees, precedence, and every error with its column.
@Suite struct ExpressionParserTests {
    static let calendar = GameCalendar(start: TurnDate(year: 2025, period: 1, length: .quarter),
                                       end: TurnDate(year: 2030, period: 4, length: .quarter), length: .quarter)

    func context(current: Bool = true, all: Bool = false) -> ExpressionContext {
        ExpressionContext(blocIDs: ["US", "EU", "CN"], sectorIDs: ["government", "finance", "critical-infra"],
                          chokepointIDs: ["dilution-fridges", "helium-3"], calendar: Self.calendar,
                          allowsCurrent: current, allowsAll: all)
    }

    func condition(_ text: String, current: Bool = true) throws -> Expr {
        try ExpressionParser.parseCondition(text, in: context(current: current)).expr
    }

    func effect(_ text: String, current: Bool = true, all: Bool = true) throws -> Effect {
        try ExpressionParser.parseEffect(text, in: context(current: current, all: all))
    }

    /// Asserts that a condition fails at `column` with a message containing `fragment`.
    func conditionFails(_ text: String, current: Bool = true, column: Int, says fragment: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let result = try ExpressionParser.parseCondition(text, in: context(current: current))
            Issue.record("accepted `\(text)` as \(result.expr)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.column == column, "`\(text)`: \(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "`\(text)`: \(error.message)", sourceLocation: sourceLocation)
        }
    }

    func effectFails(_ text: String, current: Bool = true, all: Bool = true, column: Int, says fragment: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let result = try ExpressionParser.parseEffect(text, in: context(current: current, all: all))
            Issue.record("accepted `\(text)` as \(result)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.column == column, "`\(text)`: \(error.message)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "`\(text)`: \(error.message)", sourceLocation: sourceLocation)
        }
    }

    let support = Expr.ref(.bloc(.current, .support))
    let tension = Expr.ref(.world(.tension))

    // MARK: Trees

    @Test func precedence() throws {
        // or < and < not < comparison < + - < * / < unary minus
        #expect(try condition("1 + 2 * 3 > 4 or not turn < 2 and world.tension == 5") ==
            .binary(.or,
                    .binary(.greater, .binary(.add, .number(1), .binary(.multiply, .number(2), .number(3))), .number(4)),
                    .binary(.and,
                            .unary(.not, .binary(.less, .ref(.turn), .number(2))),
                            .binary(.equal, tension, .number(5)))))
        #expect(try condition("-self.support * 2 > 1") ==
            .binary(.greater, .binary(.multiply, .unary(.negate, support), .number(2)), .number(1)))
        #expect(try condition("(1 + 2) * 3 >= 9") ==
            .binary(.greaterEqual, .binary(.multiply, .binary(.add, .number(1), .number(2)), .number(3)), .number(9)))
        #expect(try condition("10 - 4 - 3 > 0") ==
            .binary(.greater, .binary(.subtract, .binary(.subtract, .number(10), .number(4)), .number(3)), .number(0)))
        #expect(try condition("8 / 4 / 2 > 0") ==
            .binary(.greater, .binary(.divide, .binary(.divide, .number(8), .number(4)), .number(2)), .number(0)))
        #expect(try condition("true or false and false") == .binary(.or, .number(1), .binary(.and, .number(0), .number(0))))
        #expect(try condition("not not self.crqc") == .unary(.not, .unary(.not, .ref(.bloc(.current, .crqc)))))
    }

    @Test func everyComparison() throws {
        let ops: [(String, BinaryOp)] = [("<", .less), ("<=", .lessEqual), (">", .greater), (">=", .greaterEqual), ("==", .equal), ("!=", .notEqual)]
        for (symbol, op) in ops {
            #expect(try condition("self.support \(symbol) 50") == .binary(op, support, .number(50)))
        }
    }

    @Test func everyArithmeticOperator() throws {
        let ops: [(String, BinaryOp)] = [("+", .add), ("-", .subtract), ("*", .multiply), ("/", .divide)]
        for (symbol, op) in ops {
            #expect(try condition("self.support \(symbol) 2 > 0") == .binary(.greater, .binary(op, support, .number(2)), .number(0)))
        }
        #expect(try condition("self.support > -2") == .binary(.greater, support, .number(-2)))
        #expect(try condition("self.support>-2.5") == .binary(.greater, support, .number(-2.5)))
    }

    @Test func everyAssignment() throws {
        let ops: [(String, AssignOp)] = [("=", .set), ("+=", .add), ("-=", .subtract), ("*=", .multiply)]
        for (symbol, op) in ops {
            #expect(try effect("self.support \(symbol) 2") == Effect(target: .bloc(.current, .support), op: op, value: .number(2), source: "self.support \(symbol) 2"))
        }
        #expect(try effect("  all.gdp *= 1 + world.tension / 100 ") ==
            Effect(target: .bloc(.all, .gdp), op: .multiply, value: .binary(.add, .number(1), .binary(.divide, tension, .number(100))),
                   source: "all.gdp *= 1 + world.tension / 100"))
        #expect(try effect("trust(self, CN) -= 5").target == .trust(.current, .bloc(2)))
        #expect(try effect("trust(all, CN) -= 10").target == .trust(.all, .bloc(2)))
        #expect(try effect("EU.standard = CN.standard") == Effect(target: .bloc(.bloc(1), .standard), op: .set, value: .ref(.bloc(.bloc(2), .standard)), source: "EU.standard = CN.standard"))
        #expect(try effect("world.tension += 10").target == .world(.tension))
        #expect(try effect("world.crqcLogicalQubits *= 0.5").target == .world(.crqcLogicalQubits))
    }

    @Test func hyphenatedSectorAndChokepointIDs() throws {
        #expect(try condition("self.pqc.critical-infra >= 0.5") == .binary(.greaterEqual, .ref(.bloc(.current, .pqc(sector: 2))), .number(0.5)))
        #expect(try condition("US.supply.dilution-fridges > CN.supply.helium-3") ==
            .binary(.greater, .ref(.bloc(.bloc(0), .supply(chokepoint: 0))), .ref(.bloc(.bloc(2), .supply(chokepoint: 1)))))
        // Where the hyphenated run is not an id but its start is, the rest is subtraction.
        #expect(try condition("self.pqc.finance-0.5 > 0") ==
            .binary(.greater, .binary(.subtract, .ref(.bloc(.current, .pqc(sector: 1))), .number(0.5)), .number(0)))
        #expect(try condition("self.pqc.critical-infra-self.pqc.finance > 0") ==
            .binary(.greater, .binary(.subtract, .ref(.bloc(.current, .pqc(sector: 2))), .ref(.bloc(.current, .pqc(sector: 1)))), .number(0)))
        // Elsewhere `-` is always subtraction.
        #expect(try condition("self.support-self.gdp > 0") ==
            .binary(.greater, .binary(.subtract, support, .ref(.bloc(.current, .gdp))), .number(0)))
    }

    @Test func trustDatesFamiliesAndTurn() throws {
        #expect(try condition("trust(self, CN) > -50") == .binary(.greater, .ref(.trust(.current, .bloc(2))), .number(-50)))
        #expect(try condition("trust(US,EU)>=trust(EU,US)") == .binary(.greaterEqual, .ref(.trust(.bloc(0), .bloc(1))), .ref(.trust(.bloc(1), .bloc(0)))))
        #expect(try condition("turn >= 2030-Q1") == .binary(.greaterEqual, .ref(.turn), .date(20)))
        #expect(try condition("2026-H2 > turn") == .binary(.greater, .date(6), .ref(.turn)))
        #expect(try condition("turn >= 12") == .binary(.greaterEqual, .ref(.turn), .number(12)))
        #expect(try condition("world.year >= 2030") == .binary(.greaterEqual, .ref(.world(.year)), .number(2030)))
        #expect(try condition("CN.standard != national") == .binary(.notEqual, .ref(.bloc(.bloc(2), .standard)), .family(.national)))
        #expect(try condition("nist == self.standard") == .binary(.equal, .family(.nist), .ref(.bloc(.current, .standard))))
        #expect(try condition("self.crqc == true") == .binary(.equal, .ref(.bloc(.current, .crqc)), .number(1)))
        #expect(try condition("US.crqc") == .ref(.bloc(.bloc(0), .crqc)))
        #expect(try condition("self.crqc == 1 and CN.crqc != 0") ==
            .binary(.and, .binary(.equal, .ref(.bloc(.current, .crqc)), .number(1)), .binary(.notEqual, .ref(.bloc(.bloc(2), .crqc)), .number(0))))
        #expect(try condition("world.crqcCount >= 1 and world.governance > world.fragmentation") ==
            .binary(.and, .binary(.greaterEqual, .ref(.world(.crqcCount)), .number(1)),
                    .binary(.greater, .ref(.world(.governance)), .ref(.world(.fragmentation)))))
        for (name, field) in BlocField.plainNames where field != .standard && field != .crqc {
            #expect(try condition("EU.\(name) >= 0") == .binary(.greaterEqual, .ref(.bloc(.bloc(1), field)), .number(0)))
        }
    }

    @Test func sourceIsKeptTrimmed() throws {
        let c = try ExpressionParser.parseCondition("  world.tension < 80\n", in: context())
        #expect(c.source == "world.tension < 80")
    }

    // MARK: Errors, each with its column

    @Test func structuralErrors() {
        conditionFails("", column: 1, says: "empty")
        conditionFails("self.support", column: 1, says: "A condition must compare something, e.g. `self.support >= 50`.")
        conditionFails("self.support >= ", column: 17, says: "A value is missing after `>=`")
        conditionFails("1 < 2 < 3", column: 7, says: "Comparisons cannot be chained")
        conditionFails("(self.support > 1", column: 18, says: "Expected `)` to close the `(` at column 1")
        conditionFails("self.support > 1)", column: 17, says: "no matching `(`")
        conditionFails("()", column: 2, says: "parentheses are empty")
        conditionFails("self.support = 1", column: 14, says: "Use `==` to compare")
        conditionFails("self.support += 1", column: 14, says: "changes a value")
        conditionFails("self.support > 1 self.gdp > 1", column: 18, says: "Did you forget `and` or `or`?")
        conditionFails("self.support > 1 and", column: 21, says: "a value is missing")
        conditionFails("and self.support > 1", column: 1, says: "A value is missing before `and`")
        conditionFails("1 + not self.crqc", column: 5, says: "`not` goes in front of a whole check")
        conditionFails("self.support > )", column: 16, says: "Expected a value")
        conditionFails(String(repeating: "(", count: 70) + "1 > 0" + String(repeating: ")", count: 70), column: 65, says: "nests too deeply")
        conditionFails(String(repeating: "1 + ", count: 600) + "1 > 0", column: 2001, says: "keep it under 2000")
    }

    @Test func lexicalErrors() {
        conditionFails("self.support > 1 && self.crqc", column: 18, says: "Use `and`")
        conditionFails("self.support > 1 || self.crqc", column: 18, says: "Use `or`")
        conditionFails("!self.crqc", column: 1, says: "Use `not`")
        conditionFails("self.support > .5", column: 16, says: "write `0.5`")
        conditionFails("self.support > 5.", column: 16, says: "cannot end with `.`")
        conditionFails("self.support > 5x", column: 16, says: "`5x` is not a number")
        conditionFails("self.support > 1e3", column: 16, says: "plain decimals")
        conditionFails("self.support > 1" + String(repeating: "0", count: 30), column: 16, says: "too large")
        conditionFails("turn > 2030-Q5", column: 8, says: "`2030-Q5` is not a date")
        conditionFails("turn > 2030-q1", column: 8, says: "`2030-Q1` with a capital letter")
        conditionFails("turn > 2030-Q1x", column: 8, says: "is not a date")
        conditionFails("self.support # 2", column: 14, says: "Unexpected character `#`")
        conditionFails("self.support > \"5\"", column: 16, says: "do not use quotes")
        conditionFails("self. > 1", column: 5, says: "cannot end with `.`")
        conditionFails("trust(US, ÉU) > 1", column: 11, says: "Unexpected character `É`")
        conditionFails("self.support =< 1", column: 14, says: "Write `<=`")
        effectFails("self.support /= 2", column: 14, says: "`/=` is not an assignment")
    }

    @Test func typeErrors() {
        conditionFails("self.standard == 5", column: 18, says: "is a standard family and can only be compared with another family")
        conditionFails("self.standard < nist", column: 15, says: "only be compared with `==` or `!=`")
        conditionFails("self.crqc > 1", column: 11, says: "only be compared with `==` or `!=`")
        conditionFails("self.crqc == 2", column: 14, says: "so comparing it with 2 is never true")
        conditionFails("self.crqc == turn", column: 14, says: "cannot be compared with the turn number")
        conditionFails("self.crqc < US.crqc", column: 11, says: "only be compared with `==` or `!=`")
        conditionFails("turn >= 2030", column: 9, says: "`turn` counts turns from the start")
        conditionFails("US.support > 2030-Q1", column: 14, says: "can only be compared with `turn`")
        conditionFails("2030-Q1 == 2031-Q1", column: 1, says: "can only be compared with `turn`")
        conditionFails("2030-Q1 + 1 > turn", column: 1, says: "cannot be used in arithmetic")
        conditionFails("self.support + self.crqc > 1", column: 16, says: "true or false, not a number")
        conditionFails("nist * 2 > 1", column: 1, says: "standard family, not a number")
        conditionFails("self.support and self.crqc", column: 1, says: "`and` needs a check on each side")
        conditionFails("self.crqc or 5", column: 14, says: "`or` needs a check on each side")
        conditionFails("not self.support", column: 5, says: "`not` needs a check")
        conditionFails("-self.crqc > 1", column: 2, says: "true or false, not a number")
    }

    @Test func referenceErrors() {
        conditionFails("XX.support > 1", column: 1, says: "`XX` is not a bloc in this scenario. Known blocs: US, EU, CN.")
        conditionFails("UK.support > 1", column: 1, says: "Did you mean `US`?")
        conditionFails("us.support > 1", column: 1, says: "Did you mean `US`?")
        conditionFails("US.suport > 1", column: 4, says: "`suport` is not a bloc field. Did you mean `support`?")
        conditionFails("US.happiness > 1", column: 4, says: "Bloc fields: gdp, budget")
        conditionFails("US.pqc.energy > 0", column: 8, says: "`energy` is not a sector in this scenario. Known sectors: government, finance, critical-infra.")
        conditionFails("US.pqc.goverment > 0", column: 8, says: "Did you mean `government`?")
        conditionFails("US.supply.neon > 0", column: 11, says: "`neon` is not a chokepoint in this scenario")
        conditionFails("US.pqc > 0", column: 4, says: "`pqc` needs a sector")
        conditionFails("US.supply > 0", column: 4, says: "`supply` needs a chokepoint")
        conditionFails("US.support.x > 1", column: 12, says: "has no parts")
        conditionFails("US.pqc.finance.x > 1", column: 16, says: "has no parts")
        conditionFails("world.tenson > 1", column: 7, says: "Did you mean `tension`?")
        conditionFails("world.tension.x > 1", column: 15, says: "has no parts")
        conditionFails("world > 1", column: 1, says: "`world` needs a field")
        conditionFails("US > 1", column: 1, says: "`US` needs a field")
        conditionFails("self > 1", column: 1, says: "`self` needs a field")
        conditionFails("support > 1", column: 1, says: "`support` belongs to a bloc: write `self.support` or `US.support`")
        conditionFails("tension > 1", column: 1, says: "Write `world.tension`")
        conditionFails("trun > 1", column: 1, says: "Did you mean `turn`?")
        conditionFails("banana > 1", column: 1, says: "Unknown name `banana`")
        conditionFails("self.support > 1", current: false, column: 1, says: "`self` is not allowed here")
        conditionFails("trust(self, US) > 1", current: false, column: 7, says: "`self` is not allowed here")
        conditionFails("all.support > 1", column: 1, says: "can only be the target of an effect")
        conditionFails("trust(US, US) > 0", column: 11, says: "toward itself")
        conditionFails("trust(US CN) > 0", column: 10, says: "Expected `,`")
        conditionFails("trust(US, CN > 0", column: 14, says: "Expected `)`")
        conditionFails("trust US > 0", column: 7, says: "needs two blocs in parentheses")
        conditionFails("trust(all, US) > 0", column: 7, says: "`all` can only be used when changing trust in an effect")
        conditionFails("trust(1, US) > 0", column: 7, says: "takes two bloc ids")
    }

    @Test func effectErrors() {
        effectFails("", column: 1, says: "The effect is empty")
        effectFails("5 = 3", column: 1, says: "An effect starts with what it changes")
        effectFails("self.support", column: 13, says: "Expected `=`, `+=`, `-=` or `*=` after `self.support`")
        effectFails("self.support == 5", column: 14, says: "Use `=` to set a value")
        effectFails("self.support + 5", column: 14, says: "found `+`")
        effectFails("self.support +=", column: 16, says: "A value is missing after `+=`")
        effectFails("self.support += 1 self.gdp += 2", column: 19, says: "put each change in its own effect")
        effectFails("self.support += 1 = 2", column: 19, says: "An effect has one `=`")
        effectFails("world.governance = 5", column: 1,
                    says: "`world.governance` is derived from the state every turn and cannot be assigned; change what it is derived from instead.")
        for derived in ["self.security", "self.prosperity", "self.influence", "self.stability", "self.score", "US.crqc", "CN.exposure",
                        "world.fragmentation", "world.crqcCount", "world.year", "turn"] {
            effectFails("\(derived) = 1", column: 1, says: "`\(derived)` is derived from the state every turn")
        }
        effectFails("self.standard += 1", column: 15, says: "`standard` can only be set with `=`")
        effectFails("self.standard = 5", column: 17, says: "must be set to a standard family")
        effectFails("self.support = nist", column: 16, says: "is a standard family; only `standard` takes a family")
        effectFails("self.support = self.crqc", column: 16, says: "is a check (true or false)")
        effectFails("self.support = 2030-Q1", column: 16, says: "is a date")
        effectFails("self.support += 1", current: false, column: 1, says: "`self` is not allowed here")
        effectFails("all.support += 1", all: false, column: 1, says: "`all` is allowed only in the effects of events")
        effectFails("trust(all, CN) -= 1", all: false, column: 7, says: "`all` is allowed only in the effects of events")
        effectFails("self.support += all.gdp", column: 17, says: "can only be the target of an effect")
        effectFails("XX.support += 1", column: 1, says: "`XX` is not a bloc")
    }
}
