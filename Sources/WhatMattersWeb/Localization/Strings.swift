import Foundation
import WhatMattersCore

/// The interface's words in Welsh and English, from `Resources/strings/<locale>.json`.
/// Both tables must hold exactly the same keys (a test fails otherwise).
public struct StringTables: Sendable {
    public let tables: [Locale2: [String: String]]
    /// The same strings with their placeholders found, once for the process.
    let templates: [Locale2: TemplateTable]

    init(tables: [Locale2: [String: String]]) {
        self.tables = tables
        templates = tables.mapValues { TemplateTable($0.mapValues(Template.init)) }
    }

    public static let bundled: StringTables = {
        var tables: [Locale2: [String: String]] = [:]
        for locale in Locale2.allCases {
            guard let url = Bundle.module.url(forResource: locale.rawValue, withExtension: "json", subdirectory: "Resources/strings"),
                  let data = try? Data(contentsOf: url),
                  let table = try? JSONDecoder().decode([String: String].self, from: data)
            else { fatalError("string table \(locale.rawValue).json is missing or not valid JSON") }
            tables[locale] = table
        }
        return StringTables(tables: tables)
    }()
}

/// Looks words up in one language. `t("error.tooLong", ["field": "Name", "limit": "200"])`
/// fills `{field}` and `{limit}`.
public struct Localizer: Sendable {
    public let locale: Locale2
    let table: TemplateTable

    public init(_ locale: Locale2, tables: StringTables = .bundled) {
        self.locale = locale
        self.table = tables.templates[locale] ?? TemplateTable([:])
    }

    public func callAsFunction(_ key: String, _ args: [String: String] = [:]) -> String {
        guard let template = table[key] else { return "⟦\(key)⟧" }
        guard !args.isEmpty else { return template.text }
        return template.filled(args)
    }

    /// The label of `V.key + "." + rawValue` (`labelKey`), looked up without making that key.
    public func label<V: Vocabulary>(_ v: V) -> String { table[prefix: V.key, suffix: v.rawValue]?.text ?? self(v.labelKey) }

    /// A message for one field problem, naming the field and what to do.
    public func message(_ e: FieldError) -> String {
        let label = self("field.\(e.field)")
        // "{field}" starts a sentence; "{fieldLower}" sits inside one ("Enter full name").
        var args = ["field": label, "fieldLower": label.prefix(1).lowercased() + label.dropFirst()]
        if let limit = e.limit { args["limit"] = String(limit) }
        return self("error.\(e.code.rawValue)", args)
    }

    /// `12 March 2025` / `12 Mawrth 2025`.
    public func date(_ d: Day) -> String {
        String(d.day) + " " + self(Self.monthKeys[d.month - 1]) + " " + String(d.year)
    }

    /// "month.1" … "month.12", made once rather than for every date on a page.
    private static let monthKeys = (1...12).map { "month.\($0)" }

    public func dateTime(_ date: Date) -> String {
        let c = Self.wales.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let day = Day(year: c.year!, month: c.month!, day: c.day!) else { return "" }
        func twoDigits(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
        return self.date(day) + " " + twoDigits(c.hour!) + ":" + twoDigits(c.minute!)
    }

    /// Wales's calendar and clock, made once: making them (and a format string) for each time
    /// shown was a visible share of rendering a plan page.
    private static let wales: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/London")!
        return cal
    }()
}

/// One language's templates by key. A page looks up a few hundred keys: hashing each key's
/// bytes once with FNV-1a and comparing bytes only when the whole hash matches costs a
/// fraction of a `[String: Template]` lookup (SipHash and String comparison), which was a
/// visible share of rendering.
struct TemplateTable: Sendable {
    private let hashes: [UInt64]
    private let keyStarts: [Int]
    private let keyBytes: [UInt8]
    private let templates: [Template]
    /// Open addressing: index + 1 into the arrays above, 0 for an empty slot.
    private let slots: [Int32]

    init(_ table: [String: Template]) {
        var hashes: [UInt64] = [], keyStarts: [Int] = [0], keyBytes: [UInt8] = [], templates: [Template] = []
        var size = 16
        while size < table.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for (key, template) in table {
            let bytes = Array(key.utf8)
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            hashes.append(hash)
            keyBytes += bytes
            keyStarts.append(keyBytes.count)
            templates.append(template)
            slots[slot] = Int32(templates.count)
        }
        self.hashes = hashes
        self.keyStarts = keyStarts
        self.keyBytes = keyBytes
        self.templates = templates
        self.slots = slots
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from h: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = h
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    subscript(key: String) -> Template? {
        var key = key
        return key.withUTF8 { k in find(hash: Self.hash(k)) { keyMatches($0, k) } }
    }

    /// The template of "prefix.suffix", without making that key (a vocabulary's labels).
    subscript(prefix prefix: String, suffix suffix: String) -> Template? {
        var prefix = prefix, suffix = suffix
        return prefix.withUTF8 { p in
            suffix.withUTF8 { s in
                var hash = Self.hash(p)
                hash = (hash ^ UInt64(UInt8(ascii: "."))) &* 0x0000_0100_0000_01b3
                hash = Self.hash(s, from: hash)
                return find(hash: hash) { i in
                    let start = keyStarts[i], end = keyStarts[i + 1]
                    guard end - start == p.count + 1 + s.count else { return false }
                    return keyBytes.withUnsafeBufferPointer { all in
                        all[start + p.count] == UInt8(ascii: ".")
                            && (p.isEmpty || memcmp(all.baseAddress! + start, p.baseAddress!, p.count) == 0)
                            && (s.isEmpty || memcmp(all.baseAddress! + start + p.count + 1, s.baseAddress!, s.count) == 0)
                    }
                }
            }
        }
    }

    @inline(__always)
    private func find(hash: UInt64, _ matches: (Int) -> Bool) -> Template? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let i = entry - 1
            if hashes[i] == hash && matches(i) { return templates[i] }
            slot = (slot + 1) & mask
        }
    }

    private func keyMatches(_ i: Int, _ k: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = keyStarts[i], end = keyStarts[i + 1]
        guard end - start == k.count else { return false }
        return keyBytes.withUnsafeBufferPointer { all in
            k.isEmpty || memcmp(all.baseAddress! + start, k.baseAddress!, k.count) == 0
        }
    }
}

/// A string of the tables with each "{" in it found once, when the tables are read: filling
/// in values was most of the cost of a page's many `t(…)` calls.
struct Template: Sendable {
    let text: String
    private let utf8: [UInt8]
    /// Each "{": its UTF-8 offset, and the name up to the next "}" with the offset of that
    /// "}" (none when no "}" follows).
    private let opens: [(at: Int, name: String?, close: Int)]

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var opens: [(at: Int, name: String?, close: Int)] = []
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "{") {
            let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "}"))
            opens.append((i, close.map { String(decoding: bytes[(i + 1)..<$0], as: UTF8.self) }, close ?? i))
        }
        self.text = text
        utf8 = bytes
        self.opens = opens
    }

    /// One pass over the text: a value put in is never searched again, so text a user typed
    /// ("{name}", "{when}") shows as typed, whatever order the values come in. A "{" not
    /// closed, or naming no value, stays as it is, and the search goes on from after it.
    func filled(_ args: [String: String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        var from = 0
        for open in opens where open.at >= from {
            out.append(contentsOf: utf8[from..<open.at])
            if let name = open.name, let value = args[name] {
                out.append(contentsOf: value.utf8)
                from = open.close + 1
            } else {
                out.append(UInt8(ascii: "{"))
                from = open.at + 1
            }
        }
        out.append(contentsOf: utf8[from...])
        return String(decoding: out, as: UTF8.self)
    }
}
