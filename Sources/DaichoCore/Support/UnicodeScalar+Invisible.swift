/// The characters a reader cannot see but a program acts on, named once for the checks that
/// warn of them, the messages that write them out and the key that looks right on screen.
extension Unicode.Scalar {
    /// Zero-width, direction-changing and soft-hyphen characters: text copied from web pages or
    /// word processors carries them unseen.
    public var isInvisibleFormat: Bool {
        switch value {
        case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// A control character other than the tab, line feed and carriage return of plain text.
    public var isControlInText: Bool {
        switch value {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
