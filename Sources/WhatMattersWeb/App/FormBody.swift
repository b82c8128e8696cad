import Foundation
import Vapor

/// A submitted `application/x-www-form-urlencoded` body, read byte for byte so that text is
/// kept exactly as typed. Repeated names (checkboxes) keep every value in order.
struct FormBody: Sendable, Codable, Equatable {
    var pairs: [Pair]
    struct Pair: Sendable, Codable, Equatable { var name: String; var value: String }

    init(pairs: [Pair] = []) { self.pairs = pairs }

    init(_ req: Request) {
        guard var buffer = req.body.data, let bytes = buffer.readBytes(length: buffer.readableBytes) else {
            self.init(pairs: []); return
        }
        self.init(encoded: bytes)
    }

    init(encoded bytes: [UInt8]) {
        var pairs: [Pair] = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let kv = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(kv[0])
            let value = kv.count > 1 ? Self.decode(kv[1]) : ""
            pairs.append(Pair(name: name, value: value))
        }
        self.pairs = pairs
    }

    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%"),
                      let h1 = bytes.index(i, offsetBy: 1, limitedBy: bytes.endIndex), h1 != bytes.endIndex,
                      let h2 = bytes.index(i, offsetBy: 2, limitedBy: bytes.endIndex), h2 != bytes.endIndex,
                      let hi = hex(bytes[h1]), let lo = hex(bytes[h2]) {
                out.append(hi << 4 | lo)
                i = h2
            } else {
                out.append(b)
            }
            i = bytes.index(after: i)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    /// The draft this form was restored from, if any.
    var draftID: UUID? { self["_draft"].flatMap { UUID(uuidString: $0) } }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The form without its password fields: a draft kept when a session has ended must never
    /// hold a password (break-glass, changing a password).
    var withoutPasswords: FormBody { FormBody(pairs: pairs.filter { !$0.name.lowercased().contains("password") }) }

    /// True when the user typed something worth keeping.
    var hasTypedText: Bool {
        pairs.contains { !$0.name.hasPrefix("_") && !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}
