import Foundation
import Plot
import XCTest
import WhatMattersCore
@testable import WhatMattersWeb

/// Whole pages, rendered from fixed view models and pretty-printed, compared with the
/// snapshots in __Snapshots__. A change to a page shows up here as a reviewable diff.
final class SnapshotTests: XCTestCase {
    let teamID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
    let personID = UUID(uuidString: "22222222-2222-2222-2222-222222222222")!
    let staffID = UUID(uuidString: "33333333-3333-3333-3333-333333333333")!
    let at = Date(timeIntervalSince1970: 1_741_000_000)

    func ctx(_ locale: Locale2, path: String, signedIn: Bool = true) -> PageContext {
        PageContext(t: Localizer(locale),
                    staff: signedIn ? Staff(id: staffID, email: "nia@example.org", name: "Nia Jones", role: .practitioner, teamIDs: [teamID]) : nil,
                    csrf: "CSRF-TOKEN", path: path, teamNames: [teamID: "Tîm Oedolion Gogledd"])
    }

    var person: Person {
        Person(id: personID, details: PersonDetails(name: "Gwenllïan Ŵyn", dateOfBirth: Day("1941-02-28"), service: .adults, teamID: teamID,
                                                    allocatedWorkerID: staffID, preferredLanguage: .cy, activeOfferMadeOn: Day("2025-03-01"),
                                                    activeOfferMadeBy: "Nia Jones", communicationNeeds: "Hard of hearing: face her when you speak."),
               version: 1, createdAt: at, updatedAt: at)
    }

    var conversation: Conversation {
        Conversation(id: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, personID: personID,
                     details: ConversationDetails(date: Day("2025-03-04")!, kind: .whatMatters, participants: [.person, .family],
                                                  othersPresent: "Siân (merch)", language: .cy,
                                                  whatMatters: "Dw i eisiau mynd yn ôl i'r capel ar fore Sul a gweld fy ffrindiau.",
                                                  whoseWords: .person, narrative: "Cwrddais â Gwenllïan gartref gyda'i merch.",
                                                  whatHappenedNext: .communityResources),
                     recordedBy: staffID, version: 1, createdAt: at, updatedAt: at)
    }

    func pretty(_ html: HTMLPage) -> String { html.render(indentedBy: .spaces(2)) + "\n" }

    func testSignInPage() {
        assertSnapshot(pretty(SignInModel().render(ctx(.en, path: "/sign-in", signedIn: false))), named: "sign-in.en.html")
        var kept = SignInModel(email: "nia@example.org", kept: true)
        kept.problems = [FormProblem(field: "password", message: Localizer(.cy)("signIn.passwordRequired"))]
        assertSnapshot(pretty(kept.render(ctx(.cy, path: "/sign-in", signedIn: false))), named: "sign-in.cy.errors.html")
    }

    func testPersonPage() {
        let team = Team(id: teamID, name: "Tîm Oedolion Gogledd", service: .adults)
        let model = PersonPageModel(person: person, team: team, worker: nil, conversations: [conversation])
        assertSnapshot(pretty(model.render(ctx(.cy, path: "/people/\(personID)"))), named: "person.cy.html")
        assertSnapshot(pretty(model.render(ctx(.en, path: "/people/\(personID)"))), named: "person.en.html")
    }

    func testConversationFormWithErrors() {
        let input = ConversationInput(date: "2025-02-30", kind: "what-matters", participants: ["person"], language: "cy",
                                      whatMatters: "", whoseWords: "person", narrative: "<script>alert(1)</script>", whatHappenedNext: nil)
        guard case .failure(let errors) = input.validate(today: Day("2026-01-01")!) else { return XCTFail("expected errors") }
        let model = ConversationFormModel(person: person, mode: .new, input: input, errors: errors)
        assertSnapshot(pretty(model.render(ctx(.en, path: "/people/\(personID)/conversations/new"))), named: "conversation-form.en.errors.html")
    }

    func testTeamPage() {
        let model = TeamPageModel(team: Team(id: teamID, name: "Tîm Oedolion Gogledd", service: .adults),
                                  staff: [Staff(id: staffID, email: "nia@example.org", name: "Nia Jones", role: .practitioner, teamIDs: [teamID])],
                                  peopleCount: 12, counts: ConversationCounts(byNext: [.informationOrAdvice: 5, .ownSolution: 2, .assessmentNeeded: 3]))
        assertSnapshot(pretty(model.render(ctx(.cy, path: "/teams/\(teamID)"))), named: "team.cy.html")
    }

    func testPeopleList() {
        let model = PeopleListModel(kind: .caseload, people: [person], page: 1, pageCount: 3, total: 101,
                                    teams: [teamID: Team(id: teamID, name: "Tîm Oedolion Gogledd", service: .adults)])
        assertSnapshot(pretty(model.render(ctx(.en, path: "/caseload"))), named: "caseload.en.html")
    }
}
