import Foundation
import XCTest
@testable import WhatMattersCore

/// The plan document format: lossless round trips and a validator that names every problem.
final class PlanDocumentTests: XCTestCase {
    func testEveryExampleRoundTripsLosslessly() throws {
        let files = try SharedExamples.planFiles()
        XCTAssertGreaterThanOrEqual(files.count, 14)
        for url in files {
            let original = try Data(contentsOf: url)
            let document = try validPlan(original)
            let encoded = document.encode()
            XCTAssertEqual(try JSONValue.parse(encoded), try JSONValue.parse(original), url.lastPathComponent)
            // And again: encoding is stable.
            XCTAssertEqual(try validPlan(encoded).encode(), encoded, url.lastPathComponent)
        }
    }

    func testEncodingSortsKeysAndKeepsAbsentApartFromEmpty() throws {
        let e02 = try validPlan(Data(contentsOf: SharedExamples.plans.appendingPathComponent("e02.json")))
        XCTAssertNil(e02.actions?[0].outcomes)
        XCTAssertEqual(e02.actions?[1].outcomes, [])
        XCTAssertNil(e02.strengths)
        let e14 = try validPlan(Data(contentsOf: SharedExamples.plans.appendingPathComponent("e14.json")))
        XCTAssertEqual(e14.strengths, [])
        XCTAssertEqual(e14.analysis, "")
        let text = String(decoding: e14.encode(), as: UTF8.self)
        guard case let .object(members) = try JSONValue.parse(e14.encode()) else { return XCTFail("not an object") }
        XCTAssertEqual(members.first { $0.key == "actions" }?.value, .array([]))
        XCTAssertEqual(members.first { $0.key == "analysis" }?.value, .string(""))
        XCTAssertNil(members.first { $0.key == "whatMattersX" })
        let keys = ["actions", "analysis", "concerns", "conversations", "format", "id", "importantPeople", "language",
                    "person", "personalOutcomes", "scores", "service", "strengths", "views", "whatMatters"]
        let positions = keys.map { text.range(of: "\n  \"\($0)\"")!.lowerBound }
        XCTAssertEqual(positions, positions.sorted(), "top-level keys are sorted")
    }

    func testAValueBuiltInCodeIsValidAndDecodesBack() throws {
        let document = PlanDocument(
            id: "built", service: .carers, language: .cy,
            person: .init(ageYears: 52, preferredLanguage: .cy, communication: .words),
            conversations: [.init(date: Day("2025-02-19"), kind: .whatMatters, with: [.carer], notes: "Sgwrs.")],
            personalOutcomes: [.init(id: "o1", statement: "Dw i eisiau cadw fy swydd.", whose: .carer, importance: .importantTo,
                                     nationalOutcomes: [.participationInWork])],
            scores: [.init(outcome: "o1", date: Day("2025-02-19"), kind: .baseline, score: 5, scoredBy: .jointly)])
        XCTAssertEqual(document.problems(), [])
        XCTAssertEqual(try validPlan(document.encode()), document)
    }

    func problems(_ json: String) -> [String] {
        switch PlanDocument.decode(Data(json.utf8)) {
        case .success: return []
        case let .failure(errors): return errors.problems.map(\.description)
        }
    }

    func testTheValidatorReportsEveryProblemWithItsPointer() {
        let found = problems("""
        {
          "format": "whatmatters.plan/2",
          "id": "",
          "service": "elderly",
          "person": { "ageYears": 131, "name": "Gwen" },
          "conversations": [ { "date": "2025-02-30", "kind": "what-matters", "with": ["person", "neighbour"] } ],
          "personalOutcomes": [ { "id": "o1", "statement": "", "whose": "mum", "nationalOutcomes": ["housing"] } ],
          "strengths": [ { "description": "Kind", "source": "church" } ],
          "concerns": [ { "description": "x", "raisedBy": "school" } ],
          "views": { "person": 3 },
          "actions": [ { "description": "Lift to chapel", "isService": "no", "outcomes": ["o1", 2] } ],
          "scores": [ { "outcome": "o1", "kind": "baseline", "score": 11 }, { "outcome": "o1", "kind": "start", "score": 2.5 } ],
          "extra": true
        }
        """)
        let expected = [
            "/format: must be \"whatmatters.plan/1\", not \"whatmatters.plan/2\"",
            "/id: must not be empty",
            "/service: must be one of adults, children, carers, not \"elderly\"",
            "/person/ageYears: must be between 0 and 130, not 131",
            "/person/name: is not allowed here (the properties allowed are ageYears, preferredLanguage, communication)",
            "/conversations/0/date: must be a date written YYYY-MM-DD, not \"2025-02-30\"",
            "/conversations/0/with/1: must be one of person, child, parent, carer, family, advocate, partner-agency, not \"neighbour\"",
            "/conversations/0/notes: is required",
            "/personalOutcomes/0/statement: must not be empty",
            "/personalOutcomes/0/whose: must be one of person, child, parent, carer, family, advocate, practitioner, not \"mum\"",
            "/personalOutcomes/0/nationalOutcomes/0: must be one of rights-and-entitlements, health-and-emotional-wellbeing, protection-from-abuse-and-neglect, education-training-and-recreation, relationships, contribution-to-society, social-and-economic-wellbeing, suitability-of-accommodation, control-over-day-to-day-life, participation-in-work, development, welfare, not \"housing\"",
            "/strengths/0/source: must be one of person, family, network, community, not \"church\"",
            "/concerns/0/raisedBy: must be one of practitioner, partner-agency, person, family, not \"school\"",
            "/views/person: must be a string, not an integer",
            "/actions/0/isService: must be true or false, not a string",
            "/actions/0/outcomes/1: must be a string, not an integer",
            "/scores/0/score: must be between 1 and 10, not 11",
            "/scores/1/kind: must be one of baseline, review, not \"start\"",
            "/scores/1/score: must be a whole number, not 2.5",
            "/extra: is not allowed here (the properties allowed are format, id, service, language, person, conversations, whatMatters, personalOutcomes, strengths, importantPeople, concerns, views, analysis, actions, scores)",
            "/language: is required",
        ]
        XCTAssertEqual(found, expected)
    }

    func testNotJSONNotAnObjectDuplicatesAndEscapedPointers() {
        XCTAssertEqual(problems("{ \"format\": "), ["/: is not valid JSON: unexpected end of the document at line 1, column 13"])
        XCTAssertEqual(problems("[]"), ["/: must be an object, not an array"])
        let dup = problems(#"{"format":"whatmatters.plan/1","id":"a","id":"b","service":"adults","language":"en"}"#)
        XCTAssertEqual(dup, ["/id: appears more than once"])
        let escaped = problems(#"{"format":"whatmatters.plan/1","id":"a","service":"adults","language":"en","a/b~c":1}"#)
        XCTAssertEqual(escaped.count, 1)
        XCTAssertTrue(escaped[0].hasPrefix("/a~1b~0c: is not allowed here"), escaped[0])
        XCTAssertEqual(problems(#"{"format":"whatmatters.plan/1","id":"a","service":"adults","language":"en","whatMatters":null}"#),
                       ["/whatMatters: must be a string, not null"])
        XCTAssertEqual(problems(#"{"format":"whatmatters.plan/1","id":"a","service":"adults","language":"en","scores":[{"outcome":"o1","kind":"baseline","score":true}]}"#),
                       ["/scores/0/score: must be an integer, not a boolean"])
        // 201 characters is one too many for an id; lengths count Unicode code points.
        let longID = String(repeating: "ŵ", count: 201)
        XCTAssertEqual(problems(#"{"format":"whatmatters.plan/1","id":"\#(longID)","service":"adults","language":"en"}"#),
                       ["/id: must be at most 200 characters long (it is 201)"])
        XCTAssertEqual(problems(#"{"format":"whatmatters.plan/1","id":"\#(String(repeating: "ŵ", count: 200))","service":"adults","language":"en"}"#), [])
    }

    func testAWholeNumberWrittenWithAFractionIsAnInteger() throws {
        let document = try validPlan(json: #"{"format":"whatmatters.plan/1","id":"a","service":"adults","language":"en","person":{"ageYears":84.0}}"#)
        XCTAssertEqual(document.person?.ageYears, 84)
    }

    func testErrorsDescribeTheWholeDocumentAsSlash() {
        XCTAssertEqual(PlanDocumentProblem(pointer: "", reason: "is not valid JSON").description, "/: is not valid JSON")
    }
}
