import Foundation
import XCTest
@testable import WhatMattersCore

/// The review's output format, determinism, signals and the lexicons' data files.
final class ReviewFormatTests: XCTestCase {
    func examples() throws -> [PlanDocument] {
        try SharedExamples.planFiles().map { try validPlan(Data(contentsOf: $0)) }
    }

    func testTheSameDocumentAlwaysGetsTheSameReview() throws {
        let plans = try examples()
        let first = plans.map { PracticeReview(of: $0, language: .cy).json(pretty: false) }
        // Another reviewer, other plans in between, in another order.
        let reviewer = PracticeReviewer()
        for plan in plans.reversed() { _ = reviewer.review(plan) }
        let again = plans.map { reviewer.review($0, language: .cy).json(pretty: false) }
        XCTAssertEqual(first, again)
        // And through a decode/encode round trip of the plan.
        let roundTripped = try plans.map { try validPlan($0.encode()) }.map { PracticeReview(of: $0, language: .cy).json(pretty: false) }
        XCTAssertEqual(first, roundTripped)
    }

    func testTheJSONFollowsTheFormatInOrder() throws {
        let e01 = try validPlan(Data(contentsOf: SharedExamples.plans.appendingPathComponent("e01.json")))
        let review = PracticeReview(of: e01)
        let text = review.json()
        guard case let .object(members) = try JSONValue.parse(Data(text.utf8)) else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.key), ["format", "plan", "criteria", "signals", "prompts"])
        XCTAssertEqual(members[0].value, .string("whatmatters.review/1"))
        XCTAssertEqual(members[1].value, .string("e01"))
        guard case let .array(criteria) = members[2].value else { return XCTFail("criteria") }
        XCTAssertEqual(criteria.count, 5)
        for (c, expected) in zip(criteria, ReviewCriterion.allCases) {
            guard case let .object(m) = c else { return XCTFail("criterion") }
            XCTAssertEqual(m.map(\.key), ["criterion", "verdict", "reasons"])
            XCTAssertEqual(m[0].value, .string(expected.rawValue))
        }
        guard case let .object(signals) = members[3].value else { return XCTFail("signals") }
        XCTAssertEqual(signals.map(\.key), ["ownWordsOutcomes", "taskLikeOutcomes", "deficitOnlySentences", "strengthsBySource",
                                            "actionsBy", "serviceActionShare", "childVoiceRecorded", "readability"])
        // Compact form: one line, same value.
        let compact = review.json(pretty: false)
        XCTAssertFalse(compact.contains("\n"))
        XCTAssertEqual(try JSONValue.parse(Data(compact.utf8)), try JSONValue.parse(Data(text.utf8)))
        // Codable: JSONEncoder gives the same value, and it decodes back.
        let encoded = try JSONEncoder().encode(review)
        XCTAssertEqual(try JSONValue.parse(encoded), try JSONValue.parse(Data(text.utf8)))
        let decoded = try JSONDecoder().decode(PracticeReview.self, from: encoded)
        XCTAssertEqual(decoded.criteria, review.criteria)
        XCTAssertEqual(decoded.signals, review.signals)
        XCTAssertEqual(decoded.prompts.map(\.text), review.prompts.map(\.text))
    }

    func testSignals() throws {
        let plans = Dictionary(uniqueKeysWithValues: try examples().map { ($0.id, $0) })
        let e01 = PracticeReview(of: plans["e01"]!).signals
        XCTAssertEqual(e01.ownWordsOutcomes, 3)
        XCTAssertEqual(e01.taskLikeOutcomes, 0)
        XCTAssertEqual(e01.strengthsBySource, .init(person: 1, family: 1, network: 1, community: 1, unspecified: 0))
        XCTAssertEqual(e01.actionsBy.partnerAgency, 1)
        XCTAssertEqual(e01.actionsBy.network, 1)
        XCTAssertEqual(e01.serviceActionShare, 0.2)
        XCTAssertNil(e01.childVoiceRecorded)
        XCTAssertEqual(e01.readability.measure, "flesch-reading-ease")
        XCTAssertNotNil(e01.readability.score)
        let e03 = PracticeReview(of: plans["e03"]!).signals
        XCTAssertEqual(e03.taskLikeOutcomes, 4)
        XCTAssertEqual(e03.ownWordsOutcomes, 0)
        let e02 = PracticeReview(of: plans["e02"]!).signals
        XCTAssertGreaterThanOrEqual(e02.deficitOnlySentences, 6)
        XCTAssertEqual(e02.serviceActionShare, 1)
        XCTAssertEqual(PracticeReview(of: plans["e08"]!).signals.childVoiceRecorded, true)
        XCTAssertEqual(PracticeReview(of: plans["e10"]!).signals.childVoiceRecorded, false)
        XCTAssertEqual(PracticeReview(of: plans["e13"]!).signals.ownWordsOutcomes, 3, "a carer's own words in a carer's plan")
        XCTAssertEqual(PracticeReview(of: plans["e13"]!).signals.readability.measure, "flesch-reading-ease-cy")
        let e14 = PracticeReview(of: plans["e14"]!).signals
        XCTAssertNil(e14.serviceActionShare, "no actions, no share")
    }

    func testPromptsNameTheirFieldAndCriterion() throws {
        let e09 = try validPlan(Data(contentsOf: SharedExamples.plans.appendingPathComponent("e09.json")))
        let review = PracticeReview(of: e09)
        let unknown = review.prompts.filter { $0.criterion == .interventionsMeetOutcomes }
        XCTAssertEqual(unknown.map(\.field), ["/actions/1/outcomes", "/actions/3/outcomes"])
        XCTAssertTrue(unknown[0].text.contains("o4"), unknown[0].text)
        XCTAssertTrue(review.criteria[3].reasons.contains { $0.contains("o6") }, "the unknown o6 beside o2 is mentioned")
    }

    func testBothLexiconsCompileAndEveryListIsKnown() throws {
        for name in ["en", "cy"] {
            let source = try PracticeReview.LexiconSource.bundled(name)
            XCTAssertEqual(Set(source.lists.keys), Set(LexiconList.allCases.map(\.rawValue)), name)
            XCTAssertEqual(Set(source.themes.keys), Set(NationalOutcome.codes), name)
            for (list, entries) in source.lists { XCTAssertFalse(entries.isEmpty, "\(name).\(list)") }
        }
        let lexicon = PracticeReview.Lexicon.bundled
        // Folding: case and accents do not matter; apostrophes split words.
        XCTAssertGreaterThanOrEqual(lexicon.cy.lookup(word: "GŴR").exact, 0)
        XCTAssertEqual(lexicon.cy.lookup(word: "gŵr").exact, lexicon.cy.lookup(word: "gwr").exact)
        XCTAssertEqual(LexiconEntry.words("Nia'n don’t Siân"), ["nia", "n", "don", "t", "sian"])
    }

    func testWelshMutationsOfAnEntry() {
        XCTAssertEqual(LexiconMutation.forms(of: "plant"), ["plant", "blant", "mhlant", "phlant"])
        XCTAssertEqual(LexiconMutation.forms(of: "cartref"), ["cartref", "gartref", "nghartref", "chartref"])
        XCTAssertEqual(LexiconMutation.forms(of: "gwr"), ["gwr", "wr", "ngwr"])
        XCTAssertEqual(LexiconMutation.forms(of: "tad"), ["tad", "dad", "nhad", "thad"])
        XCTAssertEqual(LexiconMutation.forms(of: "llety"), ["llety", "lety"])
        XCTAssertEqual(LexiconMutation.forms(of: "rhieni"), ["rhieni", "rieni"])
        XCTAssertEqual(LexiconMutation.forms(of: "eisiau"), ["eisiau", "heisiau"])
        XCTAssertEqual(LexiconMutation.forms(of: "ffrind"), ["ffrind"])
        XCTAssertEqual(try LexiconEntry.expand("wrth ? ~bodd", welsh: true),
                       [["wrth", "?", "bodd"], ["wrth", "?", "fodd"], ["wrth", "?", "modd"]])
        XCTAssertEqual(try LexiconEntry.expand("ty|nhy", welsh: true), [["nhy"], ["ty"]])
    }

    func testAnAuthorityCanExtendTheLexiconsWithoutARelease() throws {
        var plan = try validPlan(Data(contentsOf: SharedExamples.plans.appendingPathComponent("e01.json")))
        plan.personalOutcomes![0].statement = "Shed club on Tuesdays."
        plan.personalOutcomes![0].nationalOutcomes = [.educationTrainingAndRecreation]
        XCTAssertEqual(PracticeReview(of: plan).verdict(.outcomesConsistency), .met)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wm-lexicon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"language": "en", "lists": {"service": ["shed club"]}}"#.utf8).write(to: folder.appendingPathComponent("authority.json"))
        let extended = try PracticeReview.Lexicon.load(extending: folder)
        let review = PracticeReview(of: plan, lexicon: extended)
        XCTAssertEqual(review.verdict(.outcomesConsistency), .partly)
        XCTAssertTrue(review.criteria[1].reasons[0].contains("reads as a service"), review.criteria[1].reasons[0])

        // Removing an entry works too, and a bad file is reported by name.
        try Data(#"{"language": "en", "remove": {"service": ["shed club"]}}"#.utf8).write(to: folder.appendingPathComponent("zz-undo.json"))
        XCTAssertEqual(PracticeReview(of: plan, lexicon: try PracticeReview.Lexicon.load(extending: folder)).verdict(.outcomesConsistency), .met)
        try Data(#"{"language": "en", "lists": {"servcie": ["x"]}}"#.utf8).write(to: folder.appendingPathComponent("bad.json"))
        XCTAssertThrowsError(try PracticeReview.Lexicon.load(extending: folder)) { error in
            XCTAssertTrue("\(error)".contains("bad.json"), "\(error)")
        }
        XCTAssertTrue(PracticeReview.Lexicon.bundled === (try PracticeReview.Lexicon.load(extending: nil)))
    }
}
