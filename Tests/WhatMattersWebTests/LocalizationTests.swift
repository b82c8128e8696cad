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
}
