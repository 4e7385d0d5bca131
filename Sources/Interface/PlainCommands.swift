/// What a typed line means in the plain interface (`entangled play --plain`): the same keys the
/// terminal game reads, typed as characters or as words, so every action of the game is reachable.
public enum PlainCommand: Equatable, Sendable {
    /// Keys to give the game, in order.
    case keys([Key])
    /// Say the whole current screen again.
    case readAgain
    /// List the plain interface's commands.
    case help
    /// A word that is not a command, with what to do instead.
    case unknown(String)

    /// Words for keys that are not characters, and for the game's most used keys.
    static let words: [(word: String, keys: [Key])] = [
        ("up", [.up]), ("down", [.down]), ("left", [.left]), ("right", [.right]),
        ("enter", [.enter]), ("ok", [.enter]), ("esc", [.escape]), ("escape", [.escape]), ("back", [.escape]),
        ("tab", [.tab]), ("backtab", [.backTab]), ("space", [.char(" ")]),
        ("backspace", [.backspace]), ("delete", [.delete]), ("del", [.delete]),
        ("pgup", [.pageUp]), ("pageup", [.pageUp]), ("pgdn", [.pageDown]), ("pagedown", [.pageDown]),
        ("top", [.home]), ("bottom", [.end]),
        ("yes", [.char("y")]), ("no", [.char("n")]), ("quit", [.char("q")]), ("save", [.char("s")]),
        ("end", [.char("e")]), ("start", [.char("s")]), ("keys", [.char("?")]),
        ("world", [.char("1")]), ("bloc", [.char("2")]), ("budget", [.char("3")]), ("pqc", [.char("4")]),
        ("controls", [.char("5")]), ("diplomacy", [.char("6")]), ("intel", [.char("7")]), ("messages", [.char("8")]),
        ("dilemmas", [.char("9")]), ("report", [.char("0")]), ("charts", [.char("c")]), ("objectives", [.char("O")]),
        ("orders", [.char("o")]),
    ]

    /// Reads one typed line. While the game asks for text, the whole line is that text (Enter
    /// follows); `esc` alone steps back instead. Otherwise the line is read word by word: a word
    /// above is its key(s), `word*N` repeats it N times, `help` and `look` are the interface's own,
    /// and any other word is typed key by key (`e` ends your orders, `3` opens the budget).
    public static func parse(_ line: String, in app: AppState) -> PlainCommand {
        let trimmed = line.trimmingCharacters()
        if case .prompt(let prompt)? = app.modal {
            if ["esc", "escape", "cancel"].contains(trimmed.lowercased()) { return .keys([.escape]) }
            // An empty line keeps what the field holds; any other replaces it.
            if trimmed.isEmpty { return .keys([.enter]) }
            return .keys([Key](repeating: .backspace, count: prompt.text.count) + line.map { .char($0) } + [.enter])
        }
        if trimmed.isEmpty { return .keys([.enter]) }
        var keys: [Key] = []
        for token in trimmed.split(separator: " ") {
            let word = String(token)
            var name = word.lowercased()
            var times = 1
            if let star = name.firstIndex(of: "*"), let n = Int(name[name.index(after: star)...]), n >= 1, n <= 99 {
                times = n
                name = String(name[..<star])
            }
            switch name {
            case "help" where keys.isEmpty && trimmed.split(separator: " ").count == 1: return .help
            case "look", "read", "again": if keys.isEmpty && trimmed.split(separator: " ").count == 1 { return .readAgain }
            default: break
            }
            if let entry = words.first(where: { $0.word == name }) {
                for _ in 0..<times { keys += entry.keys }
            } else if times > 1 || name.count > 1 && word.contains("*") {
                return .unknown("“\(word)” is not a command; type help for the list.")
            } else {
                keys += word.map { .char($0) }
            }
        }
        return .keys(keys)
    }

    /// The plain interface's commands, one a line.
    public static let helpLines: [String] = [
        "# Commands of the plain interface",
        "Type a line and press Enter. After each line the game says what changed; look says the whole screen again.",
        "Words for keys: up, down, left, right, enter (or an empty line), esc (or back), tab, space, backspace, delete, pgup, pgdn, top, bottom.",
        "Add *N to repeat a word: down*3 moves three rows.",
        "Screens: world (1), bloc (2), budget (3), pqc (4), controls (5), diplomacy (6), intel (7), messages (8), dilemmas (9), report (0), charts (c), objectives (O), orders (o), keys (?) for every key of the screen you are on.",
        "Answers: yes (y), no (n). end (e) ends your orders; save (s); quit (q).",
        "Any other word is typed key by key, exactly as on the keyboard: m opens a mandate on the PQC screen, p proposes a treaty on the Diplomacy screen. Letters are case-sensitive: O is objectives, o is orders.",
        "When the game asks you to type text, the whole line is the text; esc alone goes back.",
        "help shows this list; look reads the whole screen again.",
    ]
}

