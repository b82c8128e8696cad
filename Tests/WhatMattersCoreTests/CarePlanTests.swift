import Foundation
import XCTest
@testable import WhatMattersCore

/// The outcomes-focused plan: the lossless mapping to and from plan documents, checking of
/// each part, scores that are never overwritten, distance travelled and chart layouts.
final class CarePlanTests: XCTestCase {
    let today = Day("2025-06-01")!

    func testEveryExampleRoundTripsThroughThePlanUnchanged() throws {
        let files = try SharedExamples.planFiles()
        XCTAssertEqual(files.count, 14)
        for file in files {
            let data = try Data(contentsOf: file)
            let doc = try validPlan(data)
            let care = CarePlan(document: doc)
            XCTAssertEqual(care.document, doc, file.lastPathComponent)
            // And through the stored form of the plan (JSON of the Core value).
            let stored = try JSONDecoder().decode(CarePlan.self, from: JSONEncoder().encode(care))
            XCTAssertEqual(try JSONValue.parse(stored.document.encode()), try JSONValue.parse(data), file.lastPathComponent)
        }
    }

    func testAbsentAndEmptyListsStayDifferent() throws {
        let d = try validPlan(json: #"{"format":"whatmatters.plan/1","id":"x","service":"adults","language":"en","scores":[],"actions":[{"description":"Walk","outcomes":[]},{"description":"Swim"}]}"#)
        let out = CarePlan(document: d).document
        XCTAssertEqual(out.scores, [])
        XCTAssertNil(out.strengths)
        XCTAssertEqual(out.actions?[0].outcomes, [])
        XCTAssertNil(out.actions?[1].outcomes)
        XCTAssertNil(out.views)
    }

    func testWhatTheFormatCannotHoldStaysBehindButTheRestIsExported() {
        var p = CarePlan.new(documentID: "p1", service: .adults, language: .cy)
        p.outcomes = [PersonalOutcomeItem(id: "o1", statement: "Dw i eisiau canu yn y côr", whose: .person, importance: .importantTo,
                                          nationalOutcomes: [.relationships], status: .active)]
        p.actions = [ActionItem(id: "a1", description: "Gofal cartref", by: .service, outcomeIDs: ["o1"],
                                service: ServiceDetails(type: "Gofal cartref", hoursPerWeek: 7, weeklyCostPence: 18_000))]
        p.scores = [ScoreEntry(id: "s1", outcomeID: "o1", date: Day("2025-03-01"), kind: .baseline, value: 3, scoredBy: .carer),
                    ScoreEntry(id: "s2", outcomeID: "o1", date: Day("2025-03-01"), kind: .baseline, value: 4, scoredBy: .jointly,
                               comment: "typo", corrects: "s1"),
                    ScoreEntry(id: "s3", outcomeID: "o1", date: Day("2025-04-01"), kind: .other, value: 5, scoredBy: .person)]
        let d = p.document
        XCTAssertEqual(d.actions?.first?.isService, true)
        XCTAssertEqual(d.scores, [PlanDocument.Score(outcome: "o1", date: Day("2025-03-01"), kind: .baseline, score: 4, scoredBy: .jointly)])
        XCTAssertEqual(d.whatMatters, "")
        XCTAssertEqual(d.problems(), [])
    }

    func testScoresAreNeverOverwrittenACorrectionPointsAtTheOld() {
        var p = CarePlan.new(documentID: "p", service: .adults, language: .en)
        p.outcomes = [PersonalOutcomeItem(id: "o1", statement: "To get back to chapel")]
        let first = PlanValidation.score(PlanFormInput(values: ["scoreOutcome": "o1", "scoreKind": "baseline", "scoreValue": "2",
                                                                "scoreDate": "2025-03-04", "scoredBy": "jointly"]),
                                         id: "sc1", plan: p, today: today)
        p.scores.append(try! first.get())
        let fix = PlanValidation.score(PlanFormInput(values: ["scoreOutcome": "o1", "scoreKind": "baseline", "scoreValue": "3",
                                                              "scoreDate": "2025-03-04", "scoredBy": "carer", "corrects": "sc1"]),
                                       id: "sc2", plan: p, today: today)
        p.scores.append(try! fix.get())
        XCTAssertEqual(p.scores.map(\.value), [2, 3])
        XCTAssertEqual(p.effectiveScores.map(\.id), ["sc2"])
        XCTAssertEqual(p.scores[1].corrects, "sc1")
        let bad = PlanValidation.score(PlanFormInput(values: ["scoreOutcome": "o9", "scoreValue": "11", "scoreDate": "2099-01-01",
                                                              "corrects": "nope"]), id: "x", plan: p, today: today)
        guard case .failure(let e) = bad else { return XCTFail() }
        XCTAssertEqual(e.errors.map(\.field), ["scoreOutcome", "scoreKind", "scoreValue", "scoreDate", "scoredBy", "corrects"])
    }

    func testAnOutcomeNeedsItsWordsAndWhoseTheyAreAndKeepsOnlyFittingIStatements() {
        let empty = PlanValidation.outcome(PlanFormInput(), id: "o1", existing: nil)
        guard case .failure(let e) = empty else { return XCTFail() }
        XCTAssertEqual(e.errors.map(\.field), ["statement", "whose", "importance", "outcomeStatus"])
        let ref = NationalOutcomesReference.bundled
        let statement = ref.aspect(.relationships)!.statements[0]
        let other = ref.aspect(.welfare)?.statements.first ?? ref.aspect(.healthAndEmotionalWellbeing)!.statements[0]
        let ok = PlanValidation.outcome(PlanFormInput(values: ["statement": "I want to see my friends", "whose": "person",
                                                               "importance": "important-to", "outcomeStatus": "active"],
                                                      lists: ["nationalOutcomes": ["relationships"], "iStatements": [statement, other]]),
                                        id: "o1", existing: nil)
        let o = try! ok.get()
        XCTAssertEqual(o.iStatements, [statement])
        XCTAssertEqual(o.nationalOutcomes, [.relationships])
        XCTAssertEqual(ref.aspects.count, 12)
        XCTAssertTrue(ref.statementsProvisional)
        XCTAssertEqual(ref.aspect(.relationships)?.name[.cy], "Perthnasoedd domestig, teuluol a phersonol")
    }

    func testAServiceActionRecordsTypeHoursAndCost() {
        var p = CarePlan.new(documentID: "p", service: .adults, language: .en)
        p.outcomes = [PersonalOutcomeItem(id: "o1", statement: "Stay at home")]
        let r = PlanValidation.action(PlanFormInput(values: ["actionWhat": "Morning calls", "actionBy": "service", "actionStatus": "planned",
                                                             "isService": "yes", "serviceType": "Domiciliary care", "hoursPerWeek": "7,5",
                                                             "weeklyCost": "£180.5", "byWhen": "2030-01-01"],
                                                    lists: ["servesOutcomes": ["o1"]]), id: "a1", plan: p, existing: nil)
        let a = try! r.get()
        XCTAssertEqual(a.service, ServiceDetails(type: "Domiciliary care", hoursPerWeek: 7.5, weeklyCostPence: 18_050))
        XCTAssertEqual(PlanValidation.input(a)["weeklyCost"], "180.50")
        let bad = PlanValidation.action(PlanFormInput(values: ["actionWhat": "x", "actionBy": "service", "actionStatus": "planned",
                                                               "isService": "yes", "hoursPerWeek": "lots", "weeklyCost": "£1,000,000"],
                                                      lists: ["servesOutcomes": ["o7"]]), id: "a1", plan: p, existing: nil)
        guard case .failure(let e) = bad else { return XCTFail() }
        XCTAssertEqual(e.errors.map(\.field), ["servesOutcomes", "serviceType", "hoursPerWeek", "weeklyCost"])
        XCTAssertEqual(e.errors.last?.code, .tooLarge)
    }

    func testDistanceTravelledSetsTheLatestScoreBesideTheBaselineWithTheWords() {
        var p = CarePlan.new(documentID: "p", service: .adults, language: .en)
        p.outcomes = [PersonalOutcomeItem(id: "o1", statement: "Chapel"), PersonalOutcomeItem(id: "o2", statement: "Garden")]
        p.scores = [ScoreEntry(id: "1", outcomeID: "o1", date: Day("2025-03-04"), kind: .baseline, value: 2),
                    ScoreEntry(id: "2", outcomeID: "o1", date: Day("2025-05-01"), kind: .review, value: 6, reviewID: "r1"),
                    ScoreEntry(id: "3", outcomeID: "o1", date: Day("2025-04-01"), kind: .other, value: 4)]
        p.reviews = [PlanReview(id: "r1", date: Day("2025-05-01")!, outcomes: [OutcomeReview(outcomeID: "o1", change: "Back at chapel twice")])]
        let d = DistanceTravelled.of(p)
        XCTAssertEqual(d.map(\.change), [4, nil])
        XCTAssertEqual(d[0].timeline.map(\.value), [2, 4, 6])
        XCTAssertEqual(d[0].narrative.map(\.change), ["Back at chapel twice"])
        let chart = DistanceChartLayout(d)
        XCTAssertEqual(chart.ticks.count, 10)
        XCTAssertEqual(chart.rows[0].baselineX, chart.axisLeft + (chart.axisRight - chart.axisLeft) / 9)
        XCTAssertNil(chart.rows[1].latestX)
        let eco = EcoMapLayout([ImportantPersonItem(id: "p1", name: "Siân"), ImportantPersonItem(id: "p2", name: "Mair")])
        XCTAssertEqual(eco.nodes[0].x, eco.centreX)
        XCTAssertLessThan(eco.nodes[0].y, eco.centreY)
    }

    func testTheReviewOfAPlanIsTheReviewOfItsDocumentAndPromptsPointAtItems() throws {
        let data = try Data(contentsOf: SharedExamples.plans.appendingPathComponent("e03.json"))
        let care = CarePlan(document: try validPlan(data))
        let review = care.practiceReview(language: .en)
        XCTAssertEqual(PlanVerdicts(review).outcomesConsistency, .notMet)
        XCTAssertEqual(care.itemConcerned(by: "/personalOutcomes/0/statement").itemID, care.outcomes[0].id)
        XCTAssertEqual(care.itemConcerned(by: "/whatMatters").member, "whatMatters")
    }

    /// Every pointer into every example's document names the item at that place.
    func testPointersIntoEveryExampleNameTheItemThere() throws {
        let files = try FileManager.default.contentsOfDirectory(at: SharedExamples.plans, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            guard let document = try? validPlan(Data(contentsOf: file)) else { continue }
            let care = CarePlan(document: document)
            let d = care.document
            for (i, s) in (d.scores ?? []).enumerated() {
                XCTAssertEqual(care.itemConcerned(by: "/scores/\(i)/score").itemID, s.outcome, file.lastPathComponent)
            }
            XCTAssertNil(care.itemConcerned(by: "/scores/\((d.scores ?? []).count)").itemID)
            for (i, o) in (d.personalOutcomes ?? []).enumerated() {
                XCTAssertEqual(care.itemConcerned(by: "/personalOutcomes/\(i)/statement").itemID, o.id)
            }
            for (i, a) in care.actions.enumerated() {
                let concerned = care.itemConcerned(by: "/actions/\(i)")
                XCTAssertEqual(concerned.member, "actions")
                XCTAssertEqual(concerned.itemID, a.id)
            }
            XCTAssertEqual(care.itemConcerned(by: "/analysis").member, "analysis")
            XCTAssertNil(care.itemConcerned(by: "/actions/x").itemID)
            XCTAssertEqual(care.itemConcerned(by: "").member, "")
        }
    }
}
