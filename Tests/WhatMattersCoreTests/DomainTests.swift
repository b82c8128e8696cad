import Foundation
import XCTest
@testable import WhatMattersCore

/// The domain's own rules: dates, validation, name search, access.
final class DomainTests: XCTestCase {
    let today = Day("2026-11-28")!
    let team = UUID()

    func testDaysParseStrictly() {
        XCTAssertEqual(Day("2024-02-29")?.description, "2024-02-29")
        XCTAssertNil(Day("2023-02-29"))
        XCTAssertNil(Day("2024-2-9"))
        XCTAssertNil(Day("29/02/2024"))
        // Signs, spaces and digits from other scripts are not dates either.
        for text in ["2024-+2-09", "2024-02-+9", "+024-02-09", "2024-02- 9", " 2024-02-09", "2024-02-09 ", "2024-02-٠٩", "2024–02–09", ""] {
            XCTAssertNil(Day(text), text)
        }
        XCTAssertEqual(Day("0001-01-01")?.description, "0001-01-01")
        XCTAssertEqual(Day("9999-12-31")?.description, "9999-12-31")
        XCTAssertNil(Day("0000-01-01"))
        XCTAssertEqual(Day("1941-02-28")!.years(until: Day("2025-02-27")!), 83)
    }

    /// The day of an instant is worked out without a Calendar; it must be the day Foundation's
    /// Gregorian calendar in UTC gives, every day from 1601 to 2399 (leap years and centuries),
    /// at the first and last second of the day.
    func testTheDayOfAnInstantIsTheGregorianDayInUTC() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var checked = 0
        for days in stride(from: -134_774, through: 157_000, by: 1) {
            for second in [0.0, 86_399.5] {
                let date = Date(timeIntervalSince1970: Double(days) * 86_400 + second)
                let c = calendar.dateComponents([.year, .month, .day], from: date)
                let day = Day(date)
                guard (day.year, day.month, day.day) == (c.year!, c.month!, c.day!) else {
                    return XCTFail("\(date): \(day) but Foundation says \(c.year!)-\(c.month!)-\(c.day!)")
                }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 2 * 291_775)
        XCTAssertEqual(Day(Date(timeIntervalSince1970: 0)).description, "1970-01-01")
        XCTAssertEqual(Day(year: 987, month: 3, day: 9)?.description, "0987-03-09")
        XCTAssertEqual(Day(year: 2024, month: 2, day: 29)?.description, "2024-02-29")
    }

    /// Hours and money are written back into forms as a person would type them; the same
    /// text "%.2f" (less a trailing 0) and "%d.%02d" gave, without a format string.
    func testHoursAndMoneyAreWrittenAsTyped() {
        for quarter in 0...400 {
            let h = Double(quarter) / 4
            let expected = h == h.rounded() ? String(Int(h))
                : String(String(format: "%.2f", h).reversed().drop(while: { $0 == "0" }).reversed())
            XCTAssertEqual(PlanValidation.formatHours(h), expected)
        }
        XCTAssertEqual(PlanValidation.formatHours(7.1), "7.1")
        XCTAssertEqual(PlanValidation.formatHours(0.33), "0.33")
        for p in [0, 5, 99, 100, 101, 1234, 250_000] {
            XCTAssertEqual(PlanValidation.formatPence(p), String(format: "%d.%02d", p / 100, p % 100))
        }
    }

    func testAPersonNeedsANameServiceTeamAndLanguageAndEveryProblemIsReported() {
        let result = PersonInput(name: "  ", dateOfBirth: "2030-01-01", service: "elderly", teamID: UUID().uuidString,
                                 preferredLanguage: nil).validate(today: today, teams: [team], workers: [])
        guard case .failure(let e) = result else { return XCTFail() }
        XCTAssertEqual(e.errors, [FieldError("name", .required), FieldError("dateOfBirth", .futureDate),
                                  FieldError("service", .invalidChoice), FieldError("teamID", .unknownTeam),
                                  FieldError("preferredLanguage", .choiceRequired)])
    }

    func testTextIsKeptExactlyAsTypedAndLimitsAreStated() {
        let name = "  Siân ap Dafydd 🙂 \u{202E}abc  "
        let ok = PersonInput(name: name, service: "adults", teamID: team.uuidString, preferredLanguage: "cy")
            .validate(today: today, teams: [team], workers: [])
        XCTAssertEqual(try ok.get().name, name)
        let long = PersonInput(name: String(repeating: "ŵ", count: Limits.name + 1), service: "adults", teamID: team.uuidString,
                               preferredLanguage: "en").validate(today: today, teams: [team], workers: [])
        guard case .failure(let e) = long else { return XCTFail() }
        XCTAssertEqual(e.errors, [FieldError("name", .tooLong, limit: Limits.name)])
        let nul = ConversationInput(date: "2025-01-01", kind: "review", language: "cy", whatMatters: "a\u{0}b",
                                    whoseWords: "person", whatHappenedNext: "plan-agreed").validate(today: today)
        guard case .failure(let e2) = nul else { return XCTFail() }
        XCTAssertEqual(e2.errors, [FieldError("whatMatters", .invalidCharacters)])
    }

    func testAConversationNeedsWhatMattersAndWhatHappenedNext() {
        let r = ConversationInput(date: "2025-01-01", kind: "what-matters", participants: ["person", "dog"], language: "cy",
                                  whatMatters: "", whoseWords: "person").validate(today: today)
        guard case .failure(let e) = r else { return XCTFail() }
        XCTAssertEqual(e.errors.map(\.field), ["participants", "whatMatters", "whatHappenedNext"])
    }

    func testNamesFoldWithoutAccentsOrCase() {
        XCTAssertEqual(NameSearch.fold("Siân ap Dafydd"), "sian ap dafydd")
        XCTAssertEqual(NameSearch.fold("Gwenllïan Ŵyn-Jones"), "gwenllian wyn jones")
        XCTAssertEqual(NameSearch.fold("O'Brien"), "o brien")
        XCTAssertTrue(NameSearch.matches(query: "gwenll ŵyn", name: "Gwenllïan Ŵyn"))
        XCTAssertTrue(NameSearch.matches(query: "WYN", name: "Gwenllïan Ŵyn"))
        XCTAssertFalse(NameSearch.matches(query: "lian", name: "Gwenllïan Ŵyn"))
    }

    func testWelshOrderTreatsDigraphsAsLetters() {
        XCTAssertEqual(NameSearch.welshLetters("Llinos Ngaio"), ["ll", "i", "n", "o", "s", " ", "ng", "a", "i", "o"])
        let names = ["Llinos", "Lowri", "Ceri", "Chris", "Dafydd", "Ddwynwen", "Gareth", "Ngozi", "Huw"]
        let sorted = names.sorted { NameSearch.welshSortKey($0).lexicographicallyPrecedes(NameSearch.welshSortKey($1)) }
        XCTAssertEqual(sorted, ["Ceri", "Chris", "Dafydd", "Ddwynwen", "Gareth", "Ngozi", "Huw", "Lowri", "Llinos"])
    }

    func testListsFollowTheRoleAndInactiveStaffSeeNothing() {
        let staff = Staff(id: UUID(), email: "a@b", name: "A", role: .practitioner, teamIDs: [team])
        XCTAssertEqual(Viewer(staff).scope, .teams([team]))
        var lead = staff
        lead.role = .qualityLead
        XCTAssertEqual(Viewer(lead).scope, .authority)
        lead.role = .evaluator
        XCTAssertEqual(Viewer(lead).scope, .nothing)
        var inactive = staff
        inactive.active = false
        XCTAssertEqual(Viewer(inactive).scope, .nothing)
    }

    func testASealedRecordIsClosedToEveryoneNotNamedOnIt() {
        for role in Role.allCases {
            for relationship in Access.Relationship.allCases {
                for action in Access.Action.allCases {
                    XCTAssertFalse(Access.allows(role: role, relationship: relationship, sensitivity: .restricted, named: false, action: action))
                }
            }
        }
        XCTAssertTrue(Access.allows(role: .practitioner, relationship: .team, sensitivity: .restricted, named: true, action: .read))
    }

    func testConversationCountsSeparateThoseResolvedWithoutAssessment() {
        let c = ConversationCounts(byNext: [.informationOrAdvice: 3, .ownSolution: 1, .assessmentNeeded: 2, .planAgreed: 1])
        XCTAssertEqual(c.total, 7)
        XCTAssertEqual(c.resolvedWithoutAssessment, 4)
    }
}

final class PasswordPolicyTests: XCTestCase {
    func testLengthCountsAndCommonOrPersonalPasswordsAreRefused() {
        XCTAssertEqual(PasswordPolicy.problems("short"), [.tooShort])
        XCTAssertEqual(PasswordPolicy.problems("correct horse battery staple"), [])
        XCTAssertEqual(PasswordPolicy.problems("Password123!"), [.common])
        XCTAssertEqual(PasswordPolicy.problems("qwertyuiop"), [.common])
        XCTAssertEqual(PasswordPolicy.problems("aaaaaaaaaaaa"), [.common])
        XCTAssertEqual(PasswordPolicy.problems("nia.jones-is-here", email: "nia.jones@example.org"), [.personal])
        XCTAssertGreaterThan(PasswordPolicy.common.count, 100)
    }

    /// bcrypt reads 72 bytes and stops at a NUL: a password it would cut short is refused,
    /// on the command line as on the web.
    func testPasswordsBcryptWouldCutShortAreRefused() {
        XCTAssertEqual(PasswordPolicy.problems(String(repeating: "gwyn ", count: 12) + "fach"), [])  // 64 characters
        XCTAssertEqual(PasswordPolicy.problems(String(repeating: "gwyn ", count: 13)), [.tooLong])  // 65
        XCTAssertEqual(PasswordPolicy.problems(String(repeating: "ŵŷ gwên ", count: 7)), [.tooLong], "56 characters, 77 bytes")
        XCTAssertEqual(PasswordPolicy.problems("correct horse\u{0}battery"), [.invalidCharacters])
    }
}
