import Foundation
import XCTest
import WhatMattersCore
@testable import WhatMattersWeb

/// The plan page keeps its main content once written (`PlanContentCache`). A page made from
/// kept content must be exactly the page written afresh, must carry the viewer's own name and
/// form token, and must never show a person, plan or author other than the ones it has now.
final class PlanContentCacheTests: XCTestCase {
    let teamID = UUID()
    let at = Date(timeIntervalSince1970: 1_746_100_000)

    func staff(_ name: String) -> Staff {
        Staff(id: UUID(), email: "\(name.lowercased())@example.org", name: name, role: .practitioner, teamIDs: [teamID])
    }

    func ctx(_ locale: Locale2, viewer: Staff, csrf: String, personID: UUID) -> PageContext {
        PageContext(t: Localizer(locale), staff: viewer, csrf: csrf, path: "/people/\(personID)/plan", teamNames: [teamID: "Tîm Gogledd"])
    }

    func person(_ id: UUID, name: String) -> Person {
        Person(id: id, details: PersonDetails(name: name, dateOfBirth: Day("1941-02-28"), service: .adults, teamID: teamID,
                                              allocatedWorkerID: nil, preferredLanguage: .cy),
               version: 1, createdAt: at, updatedAt: at)
    }

    func plan(_ file: String = "e01.json") throws -> CarePlan {
        let data = try Data(contentsOf: PlanAPITests.examples.appendingPathComponent(file))
        return CarePlan(document: try PlanDocument.decode(data).get())
    }

    func model(_ person: Person, _ plan: CarePlan, version: Int = 3, latest: Int = 3, savedBy: Staff?, locale: Locale2) -> PlanPageModel {
        let record = PlanRecord(planID: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, personID: person.id, version: version,
                                plan: plan, savedBy: savedBy?.id, savedAt: at, verdicts: nil)
        return PlanPageModel(person: person, record: record, latestVersion: latest, savedBy: savedBy,
                             review: ReviewCache.shared.review(of: record, language: locale == .cy ? .cy : .en), notice: nil)
    }

    /// As a request writes it (`H.eager`), through the shared cache; the sign-out form's
    /// one-time token is random by design.
    func served(_ model: PlanPageModel, _ ctx: PageContext) -> String { fixed(H.$eager.withValue(true) { model.render(ctx).render() }) }

    /// As Plot writes it, never kept.
    func written(_ model: PlanPageModel, _ ctx: PageContext) -> String { fixed(model.render(ctx).render()) }

    func fixed(_ html: String) -> String {
        html.replacingOccurrences(of: #"name="_once" value="[^"]*""#, with: #"name="_once" value="ONCE""#, options: .regularExpression)
    }

    func testAPageFromKeptContentIsThePageWrittenAfreshInBothLanguages() throws {
        let author = staff("Nia Jones")
        for locale in Locale2.allCases {
            let p = person(UUID(), name: "Gwenllïan Ŵyn <b>&amp;</b>")
            let m = model(p, try plan(), savedBy: author, locale: locale)
            let c = ctx(locale, viewer: author, csrf: "TOKEN", personID: p.id)
            let plot = written(m, c)
            let first = served(m, c), again = served(m, c)
            XCTAssertEqual(first, plot, "\(locale): written afresh")
            XCTAssertEqual(again, plot, "\(locale): from kept content")
        }
    }

    func testEachViewerSeesTheirOwnNameAndFormToken() throws {
        let author = staff("Nia Jones")
        let p = person(UUID(), name: "Gwen Owen")
        let m = model(p, try plan(), savedBy: author, locale: .en)
        let first = served(m, ctx(.en, viewer: staff("Aled Rhys"), csrf: "TOKEN-ALED", personID: p.id))
        let second = served(m, ctx(.en, viewer: staff("Bethan Lloyd"), csrf: "TOKEN-BETHAN", personID: p.id))
        XCTAssertTrue(first.contains("Aled Rhys") && first.contains("TOKEN-ALED"))
        XCTAssertTrue(second.contains("Bethan Lloyd") && second.contains("TOKEN-BETHAN"))
        XCTAssertFalse(second.contains("Aled Rhys") || second.contains("TOKEN-ALED"), "nothing of the first viewer is kept")
    }

    func testAChangedPersonPlanOrAuthorUnderTheSameVersionIsWrittenAfresh() throws {
        let id = UUID()
        let viewer = staff("Aled Rhys")
        let c = ctx(.en, viewer: viewer, csrf: "T", personID: id)
        let original = try plan()
        let nia = staff("Nia Jones")
        _ = served(model(person(id, name: "Gwen Owen"), original, savedBy: nia, locale: .en), c)

        let renamed = served(model(person(id, name: "Gwen Pritchard"), original, savedBy: nia, locale: .en), c)
        XCTAssertTrue(renamed.contains("Gwen Pritchard"))
        XCTAssertFalse(renamed.contains("Gwen Owen"))

        let otherAuthor = served(model(person(id, name: "Gwen Pritchard"), original, savedBy: staff("Carys Evans"), locale: .en), c)
        XCTAssertTrue(otherAuthor.contains("Carys Evans"))
        XCTAssertFalse(otherAuthor.contains("Nia Jones"))

        var changed = original
        changed.whatMatters = "Getting back to choir practice on Thursdays"
        let changedPlan = served(model(person(id, name: "Gwen Pritchard"), changed, savedBy: staff("Carys Evans"), locale: .en), c)
        XCTAssertTrue(changedPlan.contains("Getting back to choir practice on Thursdays"))
        XCTAssertEqual(changedPlan, written(model(person(id, name: "Gwen Pritchard"), changed, savedBy: staff("Carys Evans"), locale: .en), c))
    }

    func testAnOlderVersionAndTheLatestAreKeptApart() throws {
        let p = person(UUID(), name: "Gwen Owen")
        let author = staff("Nia Jones")
        let c = ctx(.cy, viewer: author, csrf: "T", personID: p.id)
        let latest = served(model(p, try plan(), version: 3, latest: 3, savedBy: author, locale: .cy), c)
        let older = served(model(p, try plan(), version: 3, latest: 4, savedBy: author, locale: .cy), c)
        let t = Localizer(.cy)
        XCTAssertFalse(latest.contains(t("plan.seeLatest")))
        XCTAssertTrue(older.contains(t("plan.seeLatest")), "an older version says so, and has no change links")
        XCTAssertEqual(served(model(p, try plan(), version: 3, latest: 3, savedBy: author, locale: .cy), c), latest)
    }

    func testAtMostCapacityAreKept() throws {
        let cache = PlanContentCache(capacity: 2)
        let author = staff("Nia Jones")
        for file in ["e01.json", "e02.json", "e03.json"] {
            let m = model(person(UUID(), name: "Gwen Owen"), try plan(file), savedBy: author, locale: .en)
            _ = H.$eager.withValue(true) { cache.content(of: m, record: m.record!, locale: .en) { [H.text(file)] } }
        }
        XCTAssertEqual(cache.count, 2)
    }
}
