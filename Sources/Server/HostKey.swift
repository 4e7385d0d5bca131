import Crypto
import Foundation
import NIOSSH

/// The room's SSH host key: an Ed25519 key made the first time a room is served from a save
/// folder and kept there (mode 0600), so participants' `known_hosts` stays valid next time.
public struct HostKey: Sendable {
    /// The file name of the key inside the save folder.
    public static let fileName = "ssh_host_ed25519_key"
    private static let header = "entangled-states ssh host key ed25519"

    let privateKey: Curve25519.Signing.PrivateKey

    /// The key as NIOSSH uses it.
    public var sshKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: privateKey) }

    /// The public key in OpenSSH's one-line form (`ssh-ed25519 AAAA…`), for known_hosts files.
    public var openSSHPublicKey: String {
        "ssh-ed25519 " + publicBlob.base64EncodedString()
    }

    /// The public key in SSH wire format: the algorithm name and the key, each length-prefixed.
    private var publicBlob: Data {
        var blob = Data()
        func appendString(_ bytes: Data) {
            var length = UInt32(bytes.count).bigEndian
            withUnsafeBytes(of: &length) { blob.append(contentsOf: $0) }
            blob.append(bytes)
        }
        appendString(Data("ssh-ed25519".utf8))
        appendString(privateKey.publicKey.rawRepresentation)
        return blob
    }

    /// The key's fingerprint as OpenSSH prints it: `SHA256:` and the unpadded base64 of the
    /// SHA-256 of the public key in SSH wire format.
    public var fingerprint: String {
        let digest = Data(SHA256.hash(data: publicBlob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }

    /// Reads the key from the save folder, or makes and keeps a new one there.
    public static func loadOrCreate(folder: String) throws -> HostKey {
        let path = (folder as NSString).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw HostKeyFailure.unreadable(path)
            }
            let lines = text.split(separator: "\n").map(String.init)
            guard lines.count >= 2, lines[0] == header, let raw = Data(base64Encoded: lines[1]),
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
                throw HostKeyFailure.malformed(path)
            }
            // A key others could read is no longer secret: say so rather than serve with it.
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                throw HostKeyFailure.tooOpen(path)
            }
            return HostKey(privateKey: key)
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw HostKeyFailure.cannotWrite(path)
        }
        let key = Curve25519.Signing.PrivateKey()
        let text = header + "\n" + key.rawRepresentation.base64EncodedString() + "\n"
        // Made with mode 0600 from the start, never readable by others even for a moment.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw HostKeyFailure.cannotWrite(path) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == bytes.count, synced else {
            unlink(path)
            throw HostKeyFailure.cannotWrite(path)
        }
        return HostKey(privateKey: key)
    }
}

/// Why the host key could not be read or kept.
public enum HostKeyFailure: Error, CustomStringConvertible {
    case unreadable(String)
    case malformed(String)
    case tooOpen(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .unreadable(let p):
            return "The room's host key \(p) cannot be read. Check its permissions, or delete it to make a new one (participants will then see a changed host key)."
        case .malformed(let p):
            return "The room's host key \(p) is damaged. Delete it to make a new one (participants will then see a changed host key)."
        case .tooOpen(let p):
            return "The room's host key \(p) can be read by other users. Run `chmod 600 \(p)` and serve again."
        case .cannotWrite(let p):
            return "The room's host key cannot be written to \(p). Choose a save folder you can write to with --save-dir."
        }
    }
}
