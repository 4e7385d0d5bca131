import ArgumentParser
import Foundation

// Exit codes (DESIGN §6): 0 success, 1 a failure the user must fix, 2 bad usage.
do {
    var command = try Entangled.parseAsRoot()
    try command.run()
} catch let failure as UserFailure {
    FileHandle.standardError.write(Data((failure.description + "\n").utf8))
    exit(1)
} catch let code as ExitCode {
    exit(code.rawValue)
} catch {
    let code = Entangled.exitCode(for: error)
    if code == .success {
        print(Entangled.fullMessage(for: error))
        exit(0)
    }
    FileHandle.standardError.write(Data((Entangled.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
