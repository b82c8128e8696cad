import Foundation
import WhatMattersCore

/// The interface's words in Welsh and English, from `Resources/strings/<locale>.json`.
/// Both tables must hold exactly the same keys (a test fails otherwise).
public struct StringTables: Sendable {
    public let tables: [Locale2: [String: String]]

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
    let table: [String: String]

    public init(_ locale: Locale2, tables: StringTables = .bundled) {
        self.locale = locale
        self.table = tables.tables[locale] ?? [:]
    }

    public func callAsFunction(_ key: String, _ args: [String: String] = [:]) -> String {
        guard let template = table[key] else { return "⟦\(key)⟧" }
        guard !args.isEmpty else { return template }
        // One pass over the template: a value put in is never searched again, so text a user
        // typed ("{name}", "{when}") shows as typed, whatever order the values come in.
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = args[String(rest[afterOpen..<close])] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out.append("{")
                rest = rest[afterOpen...]
            }
        }
        return out + rest
    }

    public func label<V: Vocabulary>(_ v: V) -> String { self(v.labelKey) }

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
        "\(d.day) \(self("month.\(d.month)")) \(d.year)"
    }

    public func dateTime(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/London")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let day = Day(year: c.year!, month: c.month!, day: c.day!) else { return "" }
        return self.date(day) + String(format: " %02d:%02d", c.hour!, c.minute!)
    }
}
