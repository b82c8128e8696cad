import Foundation
import Plot
import Vapor
import WhatMattersCore

/// Pages made from the demo authority and rendered exactly as a request renders them
/// (eagerly, into a response body), for bench/render: the page models are internal here.
public struct SamplePage {
    public let name: String
    let make: () -> HTMLPage

    /// Renders the page into a response body; the body's size in bytes.
    public func render() -> Int {
        H.$eager.withValue(true) { Request.htmlBody(make()).count }
    }
}

public enum SamplePages {
    /// The demo practitioner's caseload (its first 50 people, as the page shows them) and
    /// the plan pages of the people on it who have a plan (at most `plans`), in each
    /// language: what bench/load asks the server for, without the database. Plan pages
    /// twice: written afresh each time (`plans`), and as the server writes them, with their
    /// main content kept once written (`keptPlans`, see `PlanContentCache`).
    public static func demo(people: Int = 50_000, plans: Int = 13)
        -> [Locale2: (caseload: SamplePage, plans: [SamplePage], keptPlans: [SamplePage])] {
        let demo = DemoAuthority(people: people)
        let signIn = demo.signIns.first { $0.role == .practitioner }!
        func staff(_ s: DemoStaff) -> Staff { Staff(id: s.id, email: s.email, name: s.name, role: s.role, teamIDs: s.teamIDs) }
        let practitioner = staff(demo.staff[signIn.staffIndex])
        let staffByID = Dictionary(demo.staff.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let teams = Dictionary(demo.teams.map { ($0.id, Team(id: $0.id, name: $0.name, service: $0.service)) }, uniquingKeysWith: { a, _ in a })
        let at = Date(timeIntervalSince1970: 1_761_955_200)
        func ctx(_ path: String, _ locale: Locale2) -> PageContext {
            PageContext(t: Localizer(locale), staff: practitioner, csrf: "tGx0bW9zdC1yYW5kb20tY3NyZi10b2tlbi1mb3ItYmVuY2g", path: path,
                        teamNames: teams.mapValues(\.name))
        }

        var caseload: [Person] = []
        var planPages: [Locale2: [SamplePage]] = [:]
        var keptPlanPages: [Locale2: [SamplePage]] = [:]
        let keptContent = PlanContentCache(capacity: 256)
        var planCount = 0
        for index in 0..<demo.people where caseload.count < 50 || planCount < plans {
            let p = demo.person(at: index)
            guard p.details.allocatedWorkerID == practitioner.id else { continue }
            let person = Person(id: p.id, details: p.details, version: 1, createdAt: at, updatedAt: at)
            if caseload.count < 50 { caseload.append(person) }
            guard planCount < plans, let plan = DemoPlans.plan(for: p, in: demo) else { continue }
            planCount += 1
            let record = PlanRecord(planID: UUID(), personID: p.id, version: 1, plan: plan, savedBy: p.conversationRecordedBy.last,
                                    savedAt: at, verdicts: nil)
            for locale in Locale2.allCases {
                var model = PlanPageModel(person: person, record: record, latestVersion: record.version,
                                          savedBy: p.conversationRecordedBy.last.flatMap { staffByID[$0] }.map(staff),
                                          review: plan.practiceReview(language: locale == .cy ? .cy : .en), notice: nil)
                let c = ctx("/people/\(p.id)/plan", locale)
                model.contentCache = nil
                let afresh = model
                model.contentCache = keptContent
                let kept = model
                planPages[locale, default: []].append(SamplePage(name: "plan \(planCount)", make: { afresh.render(c) }))
                keptPlanPages[locale, default: []].append(SamplePage(name: "plan \(planCount), kept", make: { kept.render(c) }))
            }
        }
        let list = PeopleListModel(kind: .caseload, people: caseload, page: 1, pageCount: 2, total: 100, teams: teams)
        var pages: [Locale2: (caseload: SamplePage, plans: [SamplePage], keptPlans: [SamplePage])] = [:]
        for locale in Locale2.allCases {
            let c = ctx("/caseload", locale)
            pages[locale] = (SamplePage(name: "caseload", make: { list.render(c) }), planPages[locale] ?? [], keptPlanPages[locale] ?? [])
        }
        return pages
    }
}
