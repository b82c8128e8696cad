import Foundation
import Plot
import XCTest
import WhatMattersCore
@testable import WhatMattersWeb

/// Pages made while a request is answered are written out as their elements are built
/// (`H.eager`), for speed. The text must be exactly what Plot writes for the same page.
final class EagerRenderingTests: XCTestCase {
    let teamID = UUID(uuidString: "11111111-1111-1111-1111-111111111111")!
    let personID = UUID(uuidString: "22222222-2222-2222-2222-222222222222")!
    let staffID = UUID(uuidString: "33333333-3333-3333-3333-333333333333")!
    let at = Date(timeIntervalSince1970: 1_746_100_000)

    func ctx(_ locale: Locale2, path: String, signedIn: Bool = true) -> PageContext {
        PageContext(t: Localizer(locale),
                    staff: signedIn ? Staff(id: staffID, email: "nia@example.org", name: "Nia <Jones> & \"Co\"", role: .practitioner,
                                            teamIDs: [teamID]) : nil,
                    csrf: "CSRF-TOKEN", path: path, teamNames: [teamID: "Tîm <Oedolion> & \"Gogledd\" 'Un'"])
    }

    var person: Person {
        Person(id: personID, details: PersonDetails(name: "Gwenllïan Ŵyn <b>&amp;</b> 'O'", dateOfBirth: Day("1941-02-28"), service: .adults,
                                                    teamID: teamID, allocatedWorkerID: staffID, preferredLanguage: .cy,
                                                    activeOfferMadeOn: Day("2025-03-01"), activeOfferMadeBy: "Nia \"Jones\"",
                                                    communicationNeeds: "Hard of hearing:\n\nface her <when> you speak.\nSlowly."),
               version: 1, createdAt: at, updatedAt: at)
    }

    var conversation: Conversation {
        Conversation(id: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, personID: personID,
                     details: ConversationDetails(date: Day("2025-03-04")!, kind: .whatMatters, participants: [.person, .family],
                                                  othersPresent: "Siân (merch) & <friend>", language: .cy,
                                                  whatMatters: "Dw i eisiau mynd yn ôl i'r capel\n\nar fore Sul.",
                                                  whoseWords: .person, narrative: "<script>alert('x')</script>\nline two",
                                                  whatHappenedNext: .communityResources),
                     recordedBy: staffID, version: 1, createdAt: at, updatedAt: at)
    }

    func plan() throws -> CarePlan {
        let data = try Data(contentsOf: PlanAPITests.examples.appendingPathComponent("e01.json"))
        var p = CarePlan(document: try PlanDocument.decode(data).get())
        p.agreement = Agreement(date: Day("2025-03-11")!, by: .person, name: "Gwen & \"family\"", how: .inPerson)
        return p
    }

    func assertSame(_ name: String, _ make: () throws -> HTMLPage, file: StaticString = #filePath, line: UInt = #line) rethrows {
        // One-time form tokens are random by design.
        func fixed(_ html: String) -> String {
            html.replacingOccurrences(of: #"name="_once" value="[^"]*""#, with: #"name="_once" value="ONCE""#, options: .regularExpression)
        }
        let plot = fixed(try make().render())
        let eager = fixed(try H.$eager.withValue(true) { try make().render() })
        XCTAssertFalse(plot.isEmpty, name, file: file, line: line)
        if eager != plot {
            let a = Array(plot.utf8), b = Array(eager.utf8)
            let at = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let from = max(0, at - 60)
            XCTFail("\(name): eager text differs at byte \(at): Plot …\(String(decoding: a[from..<min(a.count, at + 60)], as: UTF8.self))… "
                    + "eager …\(String(decoding: b[from..<min(b.count, at + 60)], as: UTF8.self))…", file: file, line: line)
        }
    }

    func testPagesAreWrittenExactlyAsPlotWritesThem() throws {
        let team = Team(id: teamID, name: "Tîm Oedolion <Gogledd>", service: .adults)
        let staff = Staff(id: staffID, email: "nia@example.org", name: "Nia Jones", role: .practitioner, teamIDs: [teamID])
        for locale in Locale2.allCases {
            assertSame("sign-in \(locale)") { SignInModel().render(ctx(locale, path: "/sign-in", signedIn: false)) }
            var kept = SignInModel(email: "nia@example.org\"><x", kept: true)
            kept.problems = [FormProblem(field: "password", message: Localizer(locale)("signIn.passwordRequired"))]
            assertSame("sign-in errors \(locale)") { kept.render(ctx(locale, path: "/sign-in?x=\"y\"", signedIn: false)) }
            assertSame("person \(locale)") {
                PersonPageModel(person: person, team: team, worker: staff, conversations: [conversation], notice: "Saved & <done>")
                    .render(ctx(locale, path: "/people/\(personID)"))
            }
            let input = ConversationInput(date: "2025-02-30", kind: "what-matters", participants: ["person"], language: "cy",
                                          whatMatters: "", whoseWords: "person", narrative: "<script>alert(1)</script>", whatHappenedNext: nil)
            if case .failure(let errors) = input.validate(today: Day("2026-01-01")!) {
                assertSame("conversation form \(locale)") {
                    ConversationFormModel(person: person, mode: .new, input: input, errors: errors)
                        .render(ctx(locale, path: "/people/\(personID)/conversations/new"))
                }
            } else { XCTFail("expected errors") }
            assertSame("team \(locale)") {
                TeamPageModel(team: team, staff: [staff], peopleCount: 12,
                              counts: ConversationCounts(byNext: [.informationOrAdvice: 5, .ownSolution: 2, .assessmentNeeded: 3]))
                    .render(ctx(locale, path: "/teams/\(teamID)"))
            }
            assertSame("caseload \(locale)") {
                PeopleListModel(kind: .caseload, people: [person, person], page: 2, pageCount: 3, total: 101, teams: [teamID: team])
                    .render(ctx(locale, path: "/caseload"))
            }
            let p = try plan()
            let record = PlanRecord(planID: UUID(uuidString: "44444444-4444-4444-4444-444444444444")!, personID: personID, version: 3,
                                    plan: p, savedBy: staffID, savedAt: at, verdicts: nil)
            assertSame("plan \(locale)") {
                PlanPageModel(person: person, record: record, latestVersion: 3, savedBy: staff,
                              review: p.practiceReview(language: locale == .cy ? .cy : .en), notice: "Saved")
                    .render(ctx(locale, path: "/people/\(personID)/plan"))
            }
            assertSame("plan print \(locale)") {
                PlanPrintModel(person: person, record: record).render(ctx(locale, path: "/people/\(personID)/plan/print"))
            }
            let formInput = PlanFormInput(values: ["statement": "", "whose": "person", "whyItMatters": "<b>friends</b>"],
                                          lists: ["nationalOutcomes": ["relationships"]])
            if case .failure(let errors) = PlanFormModel.apply(.outcomes, input: formInput, itemID: "o1", to: p, today: Day("2025-06-01")!) {
                assertSame("plan form \(locale)") {
                    PlanFormModel(person: person, plan: p, version: 3, section: .outcomes, itemID: "o1", input: formInput, errors: errors)
                        .render(ctx(locale, path: "/people/\(personID)/plan/outcomes/o1"))
                }
            } else { XCTFail("expected errors") }
        }
    }

    func testAttributesAsPlotWritesThem() {
        func both(_ node: () -> BodyNode) -> (String, String) {
            (node().render(), H.$eager.withValue(true) { node().render() })
        }
        let cases: [(String, String)] = [
            both { H.el("p", ["class": "a", "hidden": "", "title": nil, "class": "b", "data-x": "<\"&'>"], [H.text("x & y")]) },
            both { H.void("input", ["type": "checkbox", "checked": "", "value": "a\"b", "type": "radio"]) },
            both { H.el("div", [:], [H.group([]), H.group([H.text("a"), H.void("br")]), H.paragraphs("one\n\ntwo\nthree")]) },
            both { H.el("span", ["lang": "cy"], text: "Ŵ <ŷ> & \"z\"") },
            both { H.group([H.el("ul", [:], [H.el("li", [:], text: "1"), H.el("li", [:], [])])]) },
        ]
        for (plot, eager) in cases { XCTAssertEqual(eager, plot) }
    }

    /// Text typed in a textarea comes back as paragraphs (at each blank line) and lines (at
    /// each newline, "\r\n" as browsers send it counting as one), exactly as the Foundation
    /// splitting it replaced made them.
    func testParagraphsSplitAsFoundationDid() {
        func foundation(_ s: String) -> String {
            let s = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            let parts = s.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            return parts.map { part in
                "<p class=\"govuk-body\">" + part.components(separatedBy: "\n").map(Escape.text).joined(separator: "<br/>") + "</p>"
            }.joined()
        }
        let texts = ["", "one", "one\n\ntwo\nthree", "a\n\n\nb", "a\n\n\n\nb", "\n\na\n\n", "  \n\n\t\n\n x", "a\n\n\u{00A0}\u{2003}\n\nb",
                     "Dw i eisiau mynd yn ôl i'r capel\n\nar fore Sul.", "<b>&</b>\nŴ\n\n\u{0085}", "\n", "\n\n", "x\r\n\r\ny", "x\ry\r\rz", "é\n\né"]
        for text in texts {
            XCTAssertEqual(H.$eager.withValue(true) { H.paragraphs(text).render() }, foundation(text), "for \(text.debugDescription)")
            XCTAssertEqual(H.paragraphs(text).render(), foundation(text), "for \(text.debugDescription)")
        }
    }
}
