#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Texts already read in one decode, handed out again for the same bytes: ledgers read back from
/// the parsed-ledger cache repeat the same department, vendor, product and message texts, and
/// each repeat was a heap string made, checked as UTF-8 and kept, per ledger. Shared, a repeat is
/// one lookup and a reference. Only texts too long to sit inside a `String` value (over 15 bytes)
/// are pooled; shorter ones cost no allocation anyway.
///
/// One decode at a time (not `Sendable`); the strings it hands out are ordinary values.
public final class StringPool {
    private var hashes: [UInt64]
    private var texts: [String?]
    private var used = 0
    /// Past this many texts the pool stops taking new ones (it still hands out those it has): a
    /// decode of unusual data must not grow it without bound.
    let limit: Int

    public init(limit: Int = 1 << 16) {
        self.limit = limit
        hashes = Array(repeating: 0, count: 1024)
        texts = Array(repeating: nil, count: 1024)
    }

    public static let smallest = 16

    /// How many texts it holds.
    var count: Int { used }

    /// The pooled text with these bytes, or nil when the pool holds none (then the caller reads the
    /// text itself and offers it to `insert`, which takes it unless the pool is full). A text is
    /// only ever taken after the caller found its bytes to be UTF-8, so one found here needs no check.
    func text(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> String? {
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let text = texts[slot] {
            if hashes[slot] == hash, Self.equal(text, bytes) { return text }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Adds `text`, whose bytes hash to `hash`, unless the pool is full.
    func insert(_ text: String, hash: UInt64) {
        guard used < limit else { return }
        if (used + 1) * 2 > hashes.count { grow() }
        place(text, hash: hash)
        used += 1
    }

    private func place(_ text: String, hash: UInt64) {
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while texts[slot] != nil { slot = (slot + 1) & mask }
        hashes[slot] = hash
        texts[slot] = text
    }

    private func grow() {
        let oldHashes = hashes, oldTexts = texts
        hashes = Array(repeating: 0, count: oldHashes.count * 2)
        texts = Array(repeating: nil, count: oldHashes.count * 2)
        for (hash, text) in zip(oldHashes, oldTexts) { if let text { place(text, hash: hash) } }
    }

    private static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { stored in
            guard stored.count == bytes.count else { return false }
            guard let left = stored.baseAddress, let right = bytes.baseAddress else { return true }
            return memcmp(left, right, bytes.count) == 0
        } ?? false
    }
}
