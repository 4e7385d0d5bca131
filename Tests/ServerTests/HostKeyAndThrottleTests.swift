import Foundation
import Testing
import Server
import Terminal

@Suite("Host key, login throttle and client hints")
struct HostKeyAndThrottleTests {
    @Test func theHostKeyIsMadeOnceKeptPrivateAndFingerprintedAsOpenSSHDoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hostkey-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try HostKey.loadOrCreate(folder: folder.path)
        let again = try HostKey.loadOrCreate(folder: folder.path)
        #expect(first.fingerprint == again.fingerprint)
        let path = folder.appendingPathComponent(HostKey.fileName).path
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        // OpenSSH's own tool agrees on the fingerprint participants will be shown.
        let pub = folder.appendingPathComponent("key.pub")
        try (first.openSSHPublicKey + "\n").write(to: pub, atomically: true, encoding: .utf8)
        let listed = runCommand("ssh-keygen -l -E sha256 -f \(pub.path)")
        #expect(listed.output.contains(first.fingerprint))
        // A key others can read is refused with a sentence saying how to fix it.
        chmod(path, 0o644)
        #expect(throws: HostKeyFailure.self) { try HostKey.loadOrCreate(folder: folder.path) }
    }

    @Test func answersSlowDownAfterFiveWrongCodesFromOneAddress() {
        var throttle = LoginThrottle()
        for _ in 0..<5 {
            #expect(throttle.delay(for: "10.0.0.7", now: 100) == 0)
            throttle.record(address: "10.0.0.7", admitted: false, now: 100)
        }
        #expect(throttle.delay(for: "10.0.0.7", now: 101) == 1)
        throttle.record(address: "10.0.0.7", admitted: false, now: 101)
        #expect(throttle.delay(for: "10.0.0.7", now: 102) == 2)
        for _ in 0..<10 { throttle.record(address: "10.0.0.7", admitted: false, now: 103) }
        #expect(throttle.delay(for: "10.0.0.7", now: 104) == LoginThrottle.maximumDelay)
        #expect(throttle.delay(for: "10.0.0.8", now: 104) == 0)
        #expect(throttle.delay(for: "10.0.0.7", now: 104 + LoginThrottle.forgetAfter) == 0)
        throttle.record(address: "10.0.0.7", admitted: true, now: 105)
        #expect(throttle.delay(for: "10.0.0.7", now: 106) == 0)
    }

    @Test func aClientsTerminalTypeAndSizeAreOnlyHints() {
        #expect(SeatTerminal.plausibleType("xterm-256color"))
        #expect(!SeatTerminal.plausibleType("../../etc/passwd"))
        #expect(!SeatTerminal.plausibleType("dumb"))
        #expect(!SeatTerminal.plausibleType(""))
        #expect(SeatTerminal.clampedSize(width: 0, height: 0) == (80, 24))
        #expect(SeatTerminal.clampedSize(width: 65535, height: 65535) == (400, 150))
        #expect(SeatTerminal.clampedSize(width: 132, height: 43) == (132, 43))
    }
}
