import Foundation
import XCTest
@testable import WhatMattersCore

/// Every worked example in ../shared/examples/plans gets exactly the verdicts in
/// ../shared/examples/expected, in English and in Welsh.
final class ExampleVerdictTests: XCTestCase {
    func testEveryExampleGetsItsExpectedVerdicts() throws {
        let files = try SharedExamples.planFiles()
        XCTAssertGreaterThanOrEqual(files.count, 14, "examples not found under \(SharedExamples.plans.path)")
        var mismatches: [String] = []
        for url in files {
            let name = url.deletingPathExtension().lastPathComponent
            let expectedURL = SharedExamples.expected.appendingPathComponent("\(name).expected.json")
            let expected = try JSONDecoder().decode(ExpectedVerdicts.self, from: Data(contentsOf: expectedURL))
            let document = try validPlan(Data(contentsOf: url))
            XCTAssertEqual(document.id, expected.plan)
            for language in ReviewLanguage.allCases {
                let review = PracticeReview(of: document, language: language)
                XCTAssertEqual(review.plan, expected.plan)
                XCTAssertEqual(review.criteria.map(\.criterion), ReviewCriterion.allCases)
                for result in review.criteria {
                    let want = expected.verdicts[result.criterion.rawValue]
                    if want != result.verdict.rawValue {
                        mismatches.append("\(name) [\(language.rawValue)] \(result.criterion.rawValue): expected \(want ?? "?"), got \(result.verdict.rawValue) — \(result.reasons.joined(separator: " | "))")
                    }
                    XCTAssertFalse(result.reasons.isEmpty, "\(name) \(result.criterion.rawValue) has no reasons")
                }
            }
        }
        XCTAssertTrue(mismatches.isEmpty, "\n" + mismatches.joined(separator: "\n"))
    }
}
