import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import Room

/// One SSH session channel of an admitted seat: it takes the PTY request, opens the seat when the
/// shell starts, relays window changes, and refuses exec, subsystems and sessions without a PTY
/// with one sentence each.
final class SeatSessionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SSHChannelData

    private let room: RoomLoop
    private let ticket: SeatTicket
    private var pty: (term: String, width: Int, height: Int)?
    private var link: SessionLink?

    init(room: RoomLoop, ticket: SeatTicket) {
        self.room = room
        self.ticket = ticket
    }

    func handlerAdded(context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    /// The line a participant types, for the refusal sentences.
    private func joinLine(_ context: ChannelHandlerContext) -> String {
        let local = context.channel.parent?.localAddress
        let port = local?.port.map { " -p \($0)" } ?? ""
        let address = local?.ipAddress ?? "HOST"
        return "ssh\(port) \(ticket.user)@\(address)"
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            pty = (request.term, request.terminalCharacterWidth, request.terminalRowHeight)
            reply(context, request.wantReply, ok: link == nil)
        case let request as SSHChannelRequestEvent.ShellRequest:
            guard link == nil else { reply(context, request.wantReply, ok: false); return }
            guard let pty else {
                refuse(context, wantReply: request.wantReply, answer: true,
                       "The game needs a terminal, and this connection asked for none: connect with `\(joinLine(context))`, without -T.")
                return
            }
            reply(context, request.wantReply, ok: true)
            let link = SessionLink(channel: context.channel)
            self.link = link
            room.post(.open(seat: ticket.seat, termHint: pty.term, width: pty.width, height: pty.height, link: link))
        case let request as SSHChannelRequestEvent.ExecRequest:
            refuse(context, wantReply: request.wantReply, answer: true,
                   "This server hosts a game and runs no commands: connect with `\(joinLine(context))` and nothing after it.")
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            refuse(context, wantReply: request.wantReply, answer: true,
                   "This server hosts a game and serves no file transfer or other subsystem (\(request.subsystem)).")
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            if let link {
                room.post(.resize(link: link, width: request.terminalCharacterWidth, height: request.terminalRowHeight))
            } else if pty != nil {
                pty?.width = request.terminalCharacterWidth
                pty?.height = request.terminalRowHeight
            }
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            reply(context, request.wantReply, ok: false)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case .byteBuffer(let bytes) = message.data else { return }
        link?.typed(bytes)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let link { link.clientGone(); room.post(.gone(link: link)) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func reply(_ context: ChannelHandlerContext, _ wanted: Bool, ok: Bool) {
        guard wanted else { return }
        if ok {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    /// Says one sentence on the client's standard error, then ends the channel with exit status 1.
    private func refuse(_ context: ChannelHandlerContext, wantReply: Bool, answer: Bool, _ sentence: String) {
        reply(context, wantReply, ok: answer)
        let channel = context.channel
        var buffer = channel.allocator.buffer(capacity: sentence.utf8.count + 2)
        buffer.writeString(sentence + "\r\n")
        channel.writeAndFlush(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer)), promise: nil)
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 1)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}

/// The network side of an open seat: the SSH channel and the seat's pseudo-terminal master,
/// wired together on the connection's event loop. The room thread only posts work to it.
final class SessionLink: SeatLink, @unchecked Sendable {
    private let channel: Channel
    private var pipe: Channel?
    private var waitingInput: [ByteBuffer] = []
    private var reason: String?
    private var pipeDone = false
    private var finished = false
    private var gone = false

    init(channel: Channel) {
        self.channel = channel
    }

    /// Called on the room thread: puts the master descriptor on the event loop.
    func attach(master: Int32) {
        let loop = channel.eventLoop
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        loop.execute {
            guard !self.gone, !self.finished else { close(master); return }
            NIOPipeBootstrap(group: loop)
                .channelInitializer { pipe in
                    pipe.eventLoop.makeCompletedFuture {
                        try pipe.pipeline.syncOperations.addHandler(TerminalToClient(link: self))
                    }
                }
                .takingOwnershipOfDescriptor(inputOutput: master)
                .whenComplete { result in
                    switch result {
                    case .success(let pipe):
                        self.pipe = pipe
                        if self.gone || self.finished { pipe.close(promise: nil); return }
                        for bytes in self.waitingInput { pipe.write(bytes, promise: nil) }
                        self.waitingInput.removeAll()
                        pipe.flush()
                    case .failure:
                        self.pipeDone = true
                        self.channel.close(promise: nil)
                    }
                }
        }
    }

    /// Called on the room thread: shows the sentence once the seat's last output is through.
    func finish(reason: String) {
        channel.eventLoop.execute {
            guard !self.finished else { return }
            self.reason = reason
            if self.pipe == nil || self.pipeDone {
                self.closeWithReason()
            } else {
                // The seat's terminal is closed, so the pseudo-terminal ends shortly; never wait long.
                self.channel.eventLoop.scheduleTask(in: .seconds(2)) { self.closeWithReason() }
            }
        }
    }

    /// Bytes the client typed, on the event loop: into the seat's terminal (buffered while it opens).
    func typed(_ bytes: ByteBuffer) {
        if let pipe { pipe.writeAndFlush(bytes, promise: nil) } else { waitingInput.append(bytes) }
    }

    /// Bytes the seat's terminal drew, on the event loop: out to the client.
    func drawn(_ bytes: ByteBuffer) {
        guard !finished else { return }
        channel.write(SSHChannelData(type: .channel, data: .byteBuffer(bytes)), promise: nil)
    }

    func flush() { channel.flush() }

    /// The pseudo-terminal is closed (the room ended the seat's terminal).
    func terminalEnded() {
        pipeDone = true
        if reason != nil { closeWithReason() }
    }

    /// The client's connection is gone.
    func clientGone() {
        gone = true
        pipe?.close(promise: nil)
    }

    private func closeWithReason() {
        guard !finished else { return }
        finished = true
        pipe?.close(promise: nil)
        guard !gone else { return }
        let channel = self.channel
        var buffer = channel.allocator.buffer(capacity: 256)
        buffer.writeString("\r\n" + (reason ?? "") + "\r\n")
        channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer)), promise: nil)
        channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: 0)).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}

/// Relays what ncurses wrote on a seat's pseudo-terminal to the seat's SSH channel.
final class TerminalToClient: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private let link: SessionLink

    init(link: SessionLink) { self.link = link }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        link.drawn(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        link.flush()
    }

    func channelInactive(context: ChannelHandlerContext) {
        link.terminalEnded()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // EIO once the seat's side of the pseudo-terminal is closed: the terminal has ended.
        context.close(promise: nil)
    }
}
