/// A key press, decoded by the terminal layer.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// The terminal changed size.
    case resize
    /// Ctrl-C: asks whether to quit, as q does (a second Ctrl-C while asked quits).
    case interrupt
    /// The wall clock, in seconds, sent by the terminal about once a second (drives the turn timer;
    /// the interface never reads a clock itself).
    case tick(Double)
}
