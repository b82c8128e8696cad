import Foundation
import XCTest
import WhatMattersCore
@testable import WhatMattersWeb

/// Welsh and English are equal: both tables hold the same keys, and every key the code
/// uses is in both.
final class LocalizationTests: XCTestCase {
    let tables = StringTables.bundled.tables

    func testBothLanguagesHaveExactlyTheSameKeys() {
        let en = Set(tables[.en]!.keys), cy = Set(tables[.cy]!.keys)
        XCTAssertEqual(en.subtracting(cy).sorted(), [], "missing in Welsh")
        XCTAssertEqual(cy.subtracting(en).sorted(), [], "missing in English")
        for (key, value) in tables[.cy]! { XCTAssertFalse(value.isEmpty, "empty Welsh string \(key)") }
    }

    func testEveryKeyTheCodeUsesExists() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/WhatMattersWeb").standardized
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"\bt\("([a-zA-Z.]+)""#)
        for case let url as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        XCTAssertGreaterThan(used.count, 50)
        for key in used.sorted() {
            XCTAssertNotNil(tables[.en]![key], "English is missing \(key)")
            XCTAssertNotNil(tables[.cy]![key], "Welsh is missing \(key)")
        }
    }

    func testEveryVocabularyCodeAndErrorHasALabelInBothLanguages() {
        var keys: [String] = []
        keys += Service.allCases.map(\.labelKey) + Role.allCases.map(\.labelKey) + LanguageChoice.allCases.map(\.labelKey)
        keys += ConversationKind.allCases.map(\.labelKey) + WhatHappenedNext.allCases.map(\.labelKey)
        keys += Whose.allCases.map(\.labelKey) + Participant.allCases.map(\.labelKey) + Locale2.allCases.map(\.labelKey)
        keys += ["required", "tooLong", "invalidDate", "futureDate", "invalidChoice", "invalidCharacters", "unknownTeam",
                 "unknownWorker", "tooLongAgo", "wrongType", "choiceRequired"].map { "error.\($0)" }
        keys += (1...12).map { "month.\($0)" }
        for field in ["name", "dateOfBirth", "service", "teamID", "allocatedWorkerID", "preferredLanguage", "activeOfferMadeOn",
                      "activeOfferMadeBy", "communicationNeeds", "date", "kind", "participants", "othersPresent", "language",
                      "whatMatters", "whoseWords", "narrative", "whatHappenedNext", "query", "page", "per", "body"] {
            keys.append("field.\(field)")
        }
        for key in keys {
            XCTAssertNotNil(tables[.en]![key], "English is missing \(key)")
            XCTAssertNotNil(tables[.cy]![key], "Welsh is missing \(key)")
        }
    }

    /// Values go in exactly as the scan over characters that the prepared templates replaced
    /// put them: never searched again, and a "{" not closed or naming no value left as it is.
    func testValuesFilledInAsBefore() {
        func before(_ template: String, _ args: [String: String]) -> String {
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
        let odd = ["", "{", "}", "{}", "}{", "{a{b}", "x{name", "{name}{name}", "{name}}", "{{name}", "a{b}c{d", "Ŵ{name}ŷ{x}", "{name"]
        let values = [["name": "{when}", "when": "<b>", "x": "ŵ"], ["b": "B", "d": "D", "": "empty"], ["other": "o"]]
        for locale in Locale2.allCases {
            let t = Localizer(locale)
            for (key, text) in tables[locale]! {
                // Every name the string uses, and one it does not.
                var args = ["unused": "u"]
                for part in text.split(separator: "{").dropFirst() { if let n = part.split(separator: "}").first { args[String(n)] = "{\(n)}&" } }
                XCTAssertEqual(t(key, args), before(text, args), key)
            }
        }
        for text in odd { for args in values { XCTAssertEqual(Template(text).filled(args), before(text, args), text) } }
    }

    /// The time in Wales as a format string over a Calendar made for each call wrote it.
    func testDateTimeAsFoundationWroteIt() {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Europe/London")!
        let t = Localizer(.cy)
        for seconds in stride(from: 1_700_000_000.0, to: 1_800_000_000, by: 86_400 * 3 + 3_607) {
            let date = Date(timeIntervalSince1970: seconds)
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let expected = t.date(Day(year: c.year!, month: c.month!, day: c.day!)!) + String(format: " %02d:%02d", c.hour!, c.minute!)
            XCTAssertEqual(t.dateTime(date), expected)
        }
    }
}
