import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import Room

/// The SSH front door of a room: listens, checks each seat's code through the room, refuses
/// everything but an interactive session with a terminal, and relays each session's bytes to its
/// seat's terminal. Knows nothing of the rules.
public final class SSHDoor: @unchecked Sendable {
    private let room: RoomLoop
    private let hostKey: HostKey
    private let group: MultiThreadedEventLoopGroup
    private var listener: Channel?

    /// A door for the room, serving with this host key. It uses one network thread: every session's
    /// bytes are small, and the room thread does the drawing.
    public init(room: RoomLoop, hostKey: HostKey) {
        self.room = room
        self.hostKey = hostKey
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    /// Starts listening; returns the port (useful when asked for port 0).
    public func start(listen address: String, port: Int) throws -> Int {
        let room = self.room
        let key = hostKey.sshKey
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socket(SocketOptionLevel(SOL_SOCKET), SO_REUSEADDR), value: 1)
            .childChannelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), TCP_NODELAY), value: 1)
            .childChannelInitializer { channel in
                let peer = channel.remoteAddress?.ipAddress ?? "unknown"
                let connection = ConnectionSeat()
                return channel.eventLoop.makeCompletedFuture {
                    let delegate = SeatPasswordDelegate(room: room, address: peer, connection: connection, eventLoop: channel.eventLoop)
                    try channel.pipeline.syncOperations.addHandlers([
                        NIOSSHHandler(
                            role: .server(.init(hostKeys: [key], userAuthDelegate: delegate, globalRequestDelegate: RefuseGlobalRequests())),
                            allocator: channel.allocator,
                            inboundChildChannelInitializer: { child, type in
                                SSHDoor.initializeChild(child, type: type, room: room, connection: connection)
                            }),
                        CloseOnError(),
                    ])
                }
            }
        do {
            let channel = try bootstrap.bind(host: address, port: port).wait()
            listener = channel
            return channel.localAddress?.port ?? port
        } catch {
            throw DoorFailure.cannotListen(address: address, port: port, why: "\(error)")
        }
    }

    /// Stops listening and closes every connection (after the room has said its last sentences).
    public func stop() {
        try? listener?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Only session channels are served; a port-forwarding channel (`ssh -L`) is refused.
    private static func initializeChild(_ channel: Channel, type: SSHChannelType, room: RoomLoop, connection: ConnectionSeat) -> EventLoopFuture<Void> {
        guard case .session = type, let ticket = connection.ticket else {
            return channel.eventLoop.makeFailedFuture(DoorFailure.notServed)
        }
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(SeatSessionHandler(room: room, ticket: ticket))
        }
    }
}

/// Why the door could not start or refused a channel.
public enum DoorFailure: Error, CustomStringConvertible {
    case cannotListen(address: String, port: Int, why: String)
    case notServed

    public var description: String {
        switch self {
        case .cannotListen(let address, let port, let why):
            return "The room cannot listen on \(address) port \(port) (\(why)). Choose another port with --port, or stop the program using it."
        case .notServed:
            return "This server only hosts the game's seats; it forwards nothing."
        }
    }
}

/// The seat a connection's user name and code opened (set once, on the connection's event loop).
final class ConnectionSeat: @unchecked Sendable {
    var ticket: SeatTicket?
}

/// Password authentication against the room's join codes. The room answers on its own thread;
/// repeated failures from one address are answered ever later.
final class SeatPasswordDelegate: NIOSSHServerUserAuthenticationDelegate, @unchecked Sendable {
    let room: RoomLoop
    let address: String
    let connection: ConnectionSeat
    let eventLoop: EventLoop

    init(room: RoomLoop, address: String, connection: ConnectionSeat, eventLoop: EventLoop) {
        self.room = room; self.address = address; self.connection = connection; self.eventLoop = eventLoop
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .password }

    func requestReceived(request: NIOSSHUserAuthenticationRequest, responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        guard case .password(let password) = request.request else {
            responsePromise.succeed(.failure)
            return
        }
        let connection = self.connection
        let loop = eventLoop
        room.post(.admit(user: request.username, code: password.password, address: address) { ticket, delay in
            loop.scheduleTask(in: .milliseconds(Int64(delay * 1000))) {
                if let ticket {
                    connection.ticket = ticket
                    responsePromise.succeed(.success)
                } else {
                    responsePromise.succeed(.failure)
                }
            }
        })
    }
}

/// Port forwarding in either direction is refused (the default of NIOSSH, said here on purpose).
struct RefuseGlobalRequests: GlobalRequestDelegate {}

/// A connection whose SSH layer fails is closed rather than left half-open.
final class CloseOnError: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
