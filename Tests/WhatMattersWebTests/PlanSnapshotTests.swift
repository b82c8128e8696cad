import Foundation
import Plot
import XCTest
import WhatMattersCore
@testable import WhatMattersWeb

/// The plan page, the printed plan and the SVG charts, rendered from fixed values and
/// compared with the snapshots in __Snapshots__.
final class PlanSnapshotTests: XCTestCase {
    let teamID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
    let personID = UUID(uuidString: "22222222-2222-2222-2222-222222222222")!
    let staffID = UUID(uuidString: "33333333-3333-3333-3333-333333333333")!
    let at = Date(timeIntervalSince1970: 1_746_100_000)

    func ctx(_ locale: Locale2, path: String) -> PageContext {
        PageContext(t: Localizer(locale), staff: Staff(id: staffID, email: "nia@example.org", name: "Nia Jones", role: .practitioner, teamIDs: [teamID]),
                    csrf: "CSRF-TOKEN", path: path, teamNames: [teamID: "Tîm Oedolion Gogledd"])
    }

    func person(_ language: LanguageChoice) -> Person {
        Person(id: personID, details: PersonDetails(name: "Gwen Morgan", dateOfBirth: Day("1941-02-28"), service: .adults, teamID: teamID,
                                                    allocatedWorkerID: staffID, preferredLanguage: language),
               version: 1, createdAt: at, updatedAt: at)
    }

    /// Example e01 with what the format cannot carry: a review, a correction, a service, an agreement.
    func plan() throws -> CarePlan {
        let data = try Data(contentsOf: PlanAPITests.examples.appendingPathComponent("e01.json"))
        var p = CarePlan(document: try PlanDocument.decode(data).get())
        p.importantPeople[0].direction = .toPerson
        p.importantPeople.append(ImportantPersonItem(id: "p3", name: "Dai", relationship: "neighbour", connection: .stressful,
                                                     direction: .bothWays, gives: [.practical]))
        p.actions[0].service = ServiceDetails(type: "Minor adaptations", hoursPerWeek: 2.5, weeklyCostPence: 4_250)
        p.scores.append(ScoreEntry(id: "sc4", outcomeID: "o2", date: Day("2025-03-04"), kind: .baseline, value: 5, scoredBy: .carer,
                                   comment: "Siân thought 5 was fairer", corrects: "sc2"))
        p.reviews = [PlanReview(id: "r1", date: Day("2025-05-01")!, participants: [.person, .family], summary: "A good eight weeks.",
                                outcomes: [OutcomeReview(outcomeID: "o1", change: "Back at chapel three Sundays out of four.", status: .partlyAchieved)])]
        p.scores.append(ScoreEntry(id: "sc5", outcomeID: "o1", date: Day("2025-05-01"), kind: .review, value: 7, scoredBy: .jointly, reviewID: "r1"))
        p.agreement = Agreement(date: Day("2025-03-11")!, by: .person, name: "Gwen", how: .inPerson)
        return p
    }

    func record() throws -> PlanRecord {
        PlanRecord(planID: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, personID: personID, version: 3, plan: try plan(),
                   savedBy: staffID, savedAt: at, verdicts: nil)
    }

    func pretty(_ html: HTMLPage) -> String { html.render(indentedBy: .spaces(2)) + "\n" }

    /// A fixed review, so that the snapshot shows how verdicts, reasons and prompts are laid
    /// out without changing whenever the review engine's wording does.
    func review() throws -> PracticeReview {
        var review = try JSONDecoder().decode(PracticeReview.self, from: Data(#"""
            {"format":"whatmatters.review/1","plan":"e01","criteria":[
             {"criterion":"what-matters-and-strengths","verdict":"met","reasons":["whatMatters quotes Gwen: \"I want to get back to chapel\"."]},
             {"criterion":"outcomes-consistency","verdict":"met","reasons":[]},
             {"criterion":"balanced-analysis","verdict":"partly","reasons":["analysis weighs the falls team's view; Siân's view is not weighed."]},
             {"criterion":"interventions-meet-outcomes","verdict":"met","reasons":[]},
             {"criterion":"scoring-complete","verdict":"not-met","reasons":["o2 has no baseline score."]}],
             "signals":{"ownWordsOutcomes":3,"taskLikeOutcomes":0,"deficitOnlySentences":0,
               "strengthsBySource":{"person":1,"family":1,"network":1,"community":1,"unspecified":0},
               "actionsBy":{"person":1,"family":1,"network":1,"community":0,"practitioner":1,"service":0,"partner-agency":1,"unspecified":0},
               "serviceActionShare":0.2,"childVoiceRecorded":null,
               "readability":{"measure":"flesch-reading-ease","score":70,"words":100,"sentences":8,"wordsPerSentence":12.5}},
             "prompts":[]}
            """#.utf8))
        review.prompts = [
            PracticeReview.Prompt(text: "Stop and think: could Siân's view be weighed in the analysis?", criterion: .balancedAnalysis, field: "/analysis"),
            PracticeReview.Prompt(text: "Stop and think: what score would Gwen give this today?", criterion: .scoringComplete, field: "/personalOutcomes/1/statement"),
        ]
        return review
    }

    func testThePlanPage() throws {
        let r = try record()
        let savedBy = Staff(id: staffID, email: "nia@example.org", name: "Nia Jones", role: .practitioner, teamIDs: [teamID])
        for locale in Locale2.allCases {
            let model = PlanPageModel(person: person(.en), record: r, latestVersion: 3, savedBy: savedBy, review: try review())
            assertSnapshot(pretty(model.render(ctx(locale, path: "/people/\(personID)/plan"))), named: "plan.\(locale.rawValue).html")
        }
    }

    func testThePrintedPlanIsInThePersonsLanguage() throws {
        let model = PlanPrintModel(person: person(.cy), record: try record())
        assertSnapshot(pretty(model.render(ctx(.en, path: "/people/\(personID)/plan/print"))), named: "plan-print.cy.html")
    }

    func testTheSVGCharts() throws {
        let p = try plan()
        for locale in Locale2.allCases {
            let t = Localizer(locale)
            assertSnapshot(SVGCharts.ecoMap(person: "Gwen", people: p.importantPeople, t: t).render(indentedBy: .spaces(2)) + "\n",
                           named: "ecomap.\(locale.rawValue).svg")
            assertSnapshot(SVGCharts.distance(DistanceTravelled.of(p), t: t).render(indentedBy: .spaces(2)) + "\n",
                           named: "distance.\(locale.rawValue).svg")
        }
    }

    func testAnOutcomeFormWithErrors() throws {
        let p = try plan()
        let input = PlanFormInput(values: ["statement": "", "whose": "person", "whyItMatters": "<b>friends</b>"],
                                  lists: ["nationalOutcomes": ["relationships"]])
        guard case .failure(let errors) = PlanFormModel.apply(.outcomes, input: input, itemID: "o1", to: p, today: Day("2025-06-01")!) else {
            return XCTFail("expected errors")
        }
        let model = PlanFormModel(person: person(.en), plan: p, version: 3, section: .outcomes, itemID: "o1", input: input, errors: errors)
        assertSnapshot(pretty(model.render(ctx(.cy, path: "/people/\(personID)/plan/outcomes/o1"))), named: "plan-outcome-form.cy.errors.html")
    }

    /// An eco-map's names wrap onto two lines short enough for their circle; what does not
    /// fit ends in "…" (the whole name is in the chart's description and the table beside it).
    func testEcoMapNamesWrapToFitTheirCircles() {
        XCTAssertEqual(SVGCharts.wrap("Siân", width: 9), ["Siân"])
        XCTAssertEqual(SVGCharts.wrap("Dewi Arwel Jenkins", width: 9), ["Dewi", "Arwel Je…"])
        XCTAssertEqual(SVGCharts.wrap("Mair Lloyd", width: 9), ["Mair", "Lloyd"])
        XCTAssertEqual(SVGCharts.wrap("Bartholomew-Smythe", width: 9), ["Bartholo…"])
        XCTAssertEqual(SVGCharts.wrap("Bartholomew Jones", width: 9), ["Bartholo…", "Jones"])
        XCTAssertEqual(SVGCharts.wrap("Gwenllïan ap Rhys", width: 11), ["Gwenllïan", "ap Rhys"])
        let html = H.$eager.withValue(true) {
            SVGCharts.ecoMap(person: "Gwenllïan ferch Rhys ab Owain", people: [], t: Localizer(.en)).render()
        }
        XCTAssertTrue(html.contains(">Gwenllïan</text>") && html.contains(">ferch Rhys…</text>"), html)
    }
}
