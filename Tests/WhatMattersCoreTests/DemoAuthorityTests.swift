import XCTest
@testable import WhatMattersCore

final class DemoAuthorityTests: XCTestCase {

    // MARK: The generator

    func testSplitMix64MatchesTheReferenceSequence() {
        // The published first outputs of SplitMix64 seeded with 0: if these change, every
        // demo on every platform changes.
        var r = SplitMix64(seed: 0)
        XCTAssertEqual(r.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(r.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(r.next(), 0x06C4_5D18_8009_454F)
    }

    func testDrawsStayInRange() {
        var r = SplitMix64(seed: 99, 1, 2)
        for bound in [1, 2, 3, 7, 100, 1_000_003] {
            for _ in 0..<200 { XCTAssertTrue((0..<bound).contains(r.below(bound))) }
        }
        for _ in 0..<1_000 {
            let u = r.unit()
            XCTAssertTrue(u >= 0 && u < 1)
        }
        XCTAssertEqual(r.shuffled(Array(0..<50)).sorted(), Array(0..<50))
        let id = r.uuid().uuidString
        XCTAssertEqual(Array(id)[14], "4", "version 4 UUID")
    }

    func testDayArithmeticAgreesWithDay() {
        for (text, serial) in [("1970-01-01", 0), ("2000-02-29", 11_016), ("2026-11-01", 20_758)] {
            let day = Day(text)!
            XCTAssertEqual(DemoCalendar.serial(day), serial, text)
            XCTAssertEqual(DemoCalendar.day(serial), day, text)
        }
        XCTAssertEqual(DemoCalendar.weekday(Day("2026-11-01")!), 6, "a Sunday")
        var d = Day("1899-12-25")!
        for _ in 0..<50_000 {
            let next = DemoCalendar.adding(1, to: d)
            XCTAssertTrue(d < next)
            d = next
        }
    }

    // MARK: Determinism

    func testSameSeedGivesTheSameAuthority() {
        let a = DemoAuthority(people: 300, seed: 42)
        let b = DemoAuthority(people: 300, seed: 42)
        XCTAssertEqual(a.name, b.name)
        XCTAssertEqual(a.teams, b.teams)
        XCTAssertEqual(a.staff, b.staff)
        XCTAssertEqual(a.signIns, b.signIns)
        XCTAssertEqual(a.people(in: 0..<300), b.people(in: 0..<300))
        // Order of generation does not matter: each person depends on the seed and index only.
        XCTAssertEqual(b.person(at: 250), a.people(in: 0..<300)[250])
        XCTAssertEqual(Array(a.allPeople.prefix(20)), a.people(in: 0..<20))
    }

    func testDifferentSeedsGiveDifferentAuthorities() {
        let a = DemoAuthority(people: 200, seed: 1)
        let b = DemoAuthority(people: 200, seed: 2)
        XCTAssertNotEqual(a.teams.map(\.id), b.teams.map(\.id))
        XCTAssertNotEqual(a.staff.map(\.name), b.staff.map(\.name))
        let namesA = a.people(in: 0..<200).map(\.details.name)
        let namesB = b.people(in: 0..<200).map(\.details.name)
        XCTAssertNotEqual(namesA, namesB)
        XCTAssertLessThan(zip(namesA, namesB).filter { $0 == $1 }.count, 20)
    }

    func testTheSeamForPlansIsIndependentAndStable() {
        let demo = DemoAuthority(people: 10, seed: 3)
        var a = demo.randomSource(forPerson: 4, stream: "plan")
        var b = demo.randomSource(forPerson: 4, stream: "plan")
        var c = demo.randomSource(forPerson: 4, stream: "eco-map")
        let x = a.next()
        XCTAssertEqual(x, b.next())
        XCTAssertNotEqual(x, c.next())
    }

    // MARK: Shape of the authority

    func testEveryRoleIsPresentWithOneSignInEach() {
        let demo = DemoAuthority(people: 200, seed: 2026)
        for role in Role.allCases {
            XCTAssertTrue(demo.staff.contains { $0.role == role }, "no \(role)")
        }
        XCTAssertEqual(demo.signIns.map(\.role), Role.allCases)
        XCTAssertEqual(Set(demo.signIns.map(\.password)).count, Role.allCases.count)
        for signIn in demo.signIns {
            XCTAssertEqual(demo.staff[signIn.staffIndex].email, signIn.email)
            XCTAssertEqual(signIn.password, "demo-\(signIn.role.rawValue)-2026")
            XCTAssertFalse(signIn.teamIDs.isEmpty)
        }
        // The sign-ins are the same whatever the seed and size, so printed sign-ins are always right.
        for other in [DemoAuthority(people: 1, seed: 1), DemoAuthority(people: 5_000, seed: 99)] {
            XCTAssertEqual(other.signIns.map(\.email), demo.signIns.map(\.email))
            XCTAssertEqual(other.signIns.map(\.password), demo.signIns.map(\.password))
        }
        XCTAssertEqual(demo.signIns[0].email, "sian.ap.dafydd@demo.whatmatters.cymru")
        // The practitioner and manager who sign in share a team, and have people in it.
        let practitioner = demo.signIns.first { $0.role == .practitioner }!
        let manager = demo.signIns.first { $0.role == .teamManager }!
        XCTAssertEqual(practitioner.teamIDs, manager.teamIDs)
        XCTAssertTrue(demo.allPeople.contains { $0.details.allocatedWorkerID == demo.staff[practitioner.staffIndex].id })
    }

    func testTeamsCoverEveryServiceAndScaleWithPeople() {
        for (people, seed) in [(0, UInt64(1)), (10, 2), (200, 3), (4_000, 4)] {
            let demo = DemoAuthority(people: people, seed: seed)
            for service in Service.allCases {
                XCTAssertTrue(demo.teams.contains { $0.service == service }, "\(people): no \(service) team")
            }
            XCTAssertEqual(Set(demo.teams.map(\.name)).count, demo.teams.count, "team names are unique")
            XCTAssertEqual(Set(demo.teams.map(\.id)).count, demo.teams.count)
            for team in demo.teams {
                let members = demo.staff.filter { $0.teamIndexes == [team.index] }
                XCTAssertEqual(members.filter { $0.role == .teamManager }.count, 1, team.name)
                XCTAssertGreaterThanOrEqual(members.filter { $0.role == .practitioner }.count, 1, team.name)
            }
        }
        let demo = DemoAuthority(people: 4_000, seed: 4)
        XCTAssertTrue((9...12).contains(demo.teams.count), "about one team per 400 people, got \(demo.teams.count)")
        let practitioners = demo.staff.filter { $0.role == .practitioner }.count
        XCTAssertTrue((130...200).contains(practitioners), "about one practitioner per 25 people, got \(practitioners)")
        XCTAssertTrue(demo.teams.contains { $0.welshNamed } && demo.teams.contains { !$0.welshNamed })
        XCTAssertTrue(demo.name.hasSuffix("County Borough Council"))
        XCTAssertTrue(demo.nameCy.hasPrefix("Cyngor Bwrdeistref Sirol "))
    }

    func testStaffEmailsAreUniqueAsciiAndReadable() {
        let demo = DemoAuthority(people: 5_000, seed: 11)
        let emails = demo.staff.map(\.email)
        XCTAssertEqual(Set(emails).count, emails.count)
        XCTAssertEqual(Set(demo.staff.map(\.id)).count, demo.staff.count)
        for email in emails {
            XCTAssertTrue(email.hasSuffix("@demo.whatmatters.cymru"), email)
            XCTAssertTrue(email.unicodeScalars.allSatisfy { $0.isASCII }, email)
            XCTAssertFalse(email.hasPrefix("."), email)
            XCTAssertFalse(email.contains(".."), email)
        }
        XCTAssertEqual(DemoNames.emailLocalPart("Siân ap Dafydd"), "sian.ap.dafydd")
        XCTAssertEqual(DemoNames.emailLocalPart("Gwenllïan Ŵyn"), "gwenllian.wyn")
        XCTAssertEqual(DemoNames.emailLocalPart("Kieran O'Brien"), "kieran.obrien")
        XCTAssertEqual(DemoNames.emailLocalPart("Ffion Jones-Parry"), "ffion.jones-parry")
    }

    func testWelshMutationsOfNames() {
        XCTAssertEqual(WelshMutation.soft("Catrin"), "Gatrin")
        XCTAssertEqual(WelshMutation.soft("Gwenllïan"), "Gwenllïan", "names in G stay recognisable")
        XCTAssertEqual(WelshMutation.soft("Dafydd"), "Ddafydd")
        XCTAssertEqual(WelshMutation.soft("Llinos"), "Linos")
        XCTAssertEqual(WelshMutation.soft("Rhys"), "Rys")
        XCTAssertEqual(WelshMutation.soft("Mali"), "Fali")
        XCTAssertEqual(WelshMutation.soft("Tomos"), "Domos")
        XCTAssertEqual(WelshMutation.soft("Ffion"), "Ffion")
        XCTAssertEqual(WelshMutation.soft("Osian"), "Osian")
        XCTAssertEqual(WelshMutation.aspirate("Catrin"), "Chatrin")
        XCTAssertEqual(WelshMutation.aspirate("Tomos"), "Thomos")
        XCTAssertEqual(WelshMutation.aspirate("Bethan"), "Bethan")
    }

    // MARK: People and conversations

    func testEveryKindAndEveryNextStepAppearInASmallAuthority() {
        let demo = DemoAuthority(people: 200, seed: 2026)
        let conversations = demo.allPeople.flatMap(\.conversations)
        for kind in ConversationKind.allCases {
            XCTAssertTrue(conversations.contains { $0.kind == kind }, "no \(kind)")
        }
        for next in WhatHappenedNext.allCases {
            let count = conversations.filter { $0.whatHappenedNext == next }.count
            XCTAssertGreaterThanOrEqual(count, conversations.count / 30, "\(next) is too rare: \(count)")
        }
        let people = Array(demo.allPeople)
        for service in Service.allCases { XCTAssertTrue(people.contains { $0.details.service == service }) }
        for language in LanguageChoice.allCases { XCTAssertTrue(people.contains { $0.details.preferredLanguage == language }) }
        XCTAssertTrue(people.allSatisfy { (1...4).contains($0.conversations.count) })
        // Most conversations are resolved without an assessment: they have to count.
        XCTAssertGreaterThan(conversations.filter { $0.whatHappenedNext.resolvedWithoutAssessment }.count, conversations.count / 3)
    }

    func testPlanQualitiesAreVariedAndFollowAgreedPlans() {
        let demo = DemoAuthority(people: 1_000, seed: 8)
        var seen = Set<DemoPlanQuality>()
        for person in demo.allPeople {
            seen.insert(person.planQuality)
            let agreed = person.conversations.contains { $0.whatHappenedNext == .planAgreed }
            XCTAssertEqual(person.planQuality != .none, agreed)
        }
        XCTAssertEqual(seen, Set(DemoPlanQuality.allCases))
    }

    func testEveryRecordPassesTheFormChecks() {
        for seed: UInt64 in [1, 2026, 0xDEAD_BEEF] {
            let demo = DemoAuthority(people: 800, seed: seed)
            let teams = Set(demo.teams.map(\.id))
            let workers = Set(demo.staff.filter { $0.role == .practitioner }.map(\.id))
            let staff = Set(demo.staff.map(\.id))
            for person in demo.allPeople {
                switch PersonInput(person.details).validate(today: demo.asOf, teams: teams, workers: workers) {
                case .success(let checked): XCTAssertEqual(checked, person.details)
                case .failure(let errors): XCTFail("\(person.details.name): \(errors)")
                }
                XCTAssertEqual(person.conversations.count, person.conversationIDs.count)
                XCTAssertEqual(person.conversations.count, person.conversationRecordedBy.count)
                XCTAssertTrue(person.conversationRecordedBy.allSatisfy { staff.contains($0) })
                for conversation in person.conversations {
                    switch ConversationInput(conversation).validate(today: demo.asOf) {
                    case .success(let checked): XCTAssertEqual(checked, conversation)
                    case .failure(let errors): XCTFail("\(person.details.name) \(conversation.date): \(errors)")
                    }
                }
            }
        }
    }

    func testAgesDatesAndTeamsAreConsistent() {
        let demo = DemoAuthority(people: 2_000, seed: 77)
        for person in demo.allPeople {
            let d = person.details
            let dob = try! XCTUnwrap(d.dateOfBirth)
            let age = dob.years(until: demo.asOf)
            XCTAssertEqual(age, person.age)
            switch d.service {
            case .children: XCTAssertTrue((0...17).contains(age), "\(d.name) \(age)")
            case .adults: XCTAssertTrue((18...100).contains(age), "\(d.name) \(age)")
            case .carers: XCTAssertTrue((18...90).contains(age), "\(d.name) \(age)")
            }
            XCTAssertEqual(demo.teams[person.teamIndex].id, d.teamID)
            XCTAssertEqual(demo.teams[person.teamIndex].service, d.service, "people are in a team of their service")
            if let w = person.allocatedWorkerIndex {
                XCTAssertEqual(demo.staff[w].id, d.allocatedWorkerID)
                XCTAssertEqual(demo.staff[w].teamIndexes, [person.teamIndex])
                XCTAssertEqual(demo.staff[w].role, .practitioner)
            } else {
                XCTAssertNil(d.allocatedWorkerID)
            }
            let dates = person.conversations.map(\.date)
            XCTAssertEqual(dates, dates.sorted())
            XCTAssertTrue(dates.allSatisfy { $0 <= demo.asOf && $0 >= dob })
            if let offer = d.activeOfferMadeOn {
                XCTAssertTrue(offer <= demo.asOf && offer.year >= 2000)
                XCTAssertFalse(d.activeOfferMadeBy.isEmpty)
            }
        }
    }

    func testLanguagesNamesAndWordsAreRealistic() {
        let demo = DemoAuthority(people: 3_000, seed: 2026)
        let people = Array(demo.allPeople)
        let welsh = people.filter { $0.details.preferredLanguage == .cy }
        let share = Double(welsh.count) / Double(people.count)
        XCTAssertTrue((0.22...0.38).contains(share), "roughly 30% choose Welsh, got \(share)")
        XCTAssertGreaterThan(people.filter { $0.details.activeOfferMadeOn != nil }.count, people.count * 85 / 100)
        XCTAssertGreaterThan(people.filter { !$0.details.communicationNeeds.isEmpty }.count, people.count / 20)

        let names = people.map(\.details.name)
        XCTAssertTrue(names.contains { $0.contains(" ap ") || $0.contains(" ab ") }, "patronymics")
        XCTAssertTrue(names.contains { $0.contains(" ferch ") })
        XCTAssertTrue(names.contains { $0.contains { "ŵŷâêîôûïŴŶ".contains($0) } }, "Welsh letters")
        XCTAssertTrue(names.contains { $0.hasPrefix("Ll") || $0.hasPrefix("Rh") || $0.hasPrefix("Dd") || $0.hasPrefix("Ff") })
        XCTAssertTrue(names.contains { ["Margaret", "Oliver", "Jack", "Emily", "David"].contains(String($0.split(separator: " ")[0])) },
                      "English names too")

        // Welsh speakers are heard in Welsh; the text reads as Welsh.
        let welshConversations = welsh.flatMap(\.conversations)
        let heldInWelsh = welshConversations.filter { $0.language == .cy }
        XCTAssertGreaterThan(heldInWelsh.count, welshConversations.count * 8 / 10)
        let welshWords = ["Dw i", "Mae", "fy ", "eisiau", "gyda", "yn ", " ei ", " i ", " â ", " a ", " eto", " nid "]
        let englishWords = [" the ", " and ", " I ", " to ", " with "]
        for c in heldInWelsh {
            for text in [c.whatMatters, c.narrative] {
                XCTAssertTrue(welshWords.contains { text.contains($0) }, text)
                XCTAssertFalse(englishWords.contains { text.contains($0) }, text)
            }
        }
        for c in people.flatMap(\.conversations) where c.language != .cy {
            XCTAssertFalse(c.whatMatters.contains("Dw i"), c.whatMatters)
        }
        // Statements vary.
        let statements = Set(people.flatMap(\.conversations).map(\.whatMatters))
        XCTAssertGreaterThan(statements.count, 400)
    }

    func testTextIsCompleteAndTidy() {
        let demo = DemoAuthority(people: 2_000, seed: 31)
        for person in demo.allPeople {
            var texts = [person.details.communicationNeeds, person.details.activeOfferMadeBy]
            for c in person.conversations { texts += [c.whatMatters, c.narrative, c.othersPresent] }
            for text in texts {
                XCTAssertFalse(text.contains("{") || text.contains("}"), "unfilled slot: \(text)")
                XCTAssertFalse(text.contains("  "), "double space: \(text)")
                XCTAssertFalse(text.contains(" ,") || text.contains(" ."), "stray space: \(text)")
                XCTAssertEqual(text, text.trimmingCharacters(in: .whitespaces))
            }
            for c in person.conversations {
                XCTAssertFalse(c.whatMatters.isEmpty)
                XCTAssertFalse(c.narrative.isEmpty)
                XCTAssertTrue(c.whatMatters.count < 600 && c.narrative.count < 2_000)
                if c.kind == .multiAgency { XCTAssertTrue(c.participants.contains(.partnerAgency)) }
                if c.whoseWords == .child { XCTAssertTrue(c.participants.contains(.child)) }
                if c.whoseWords == .advocate { XCTAssertTrue(c.participants.contains(.advocate)) }
            }
        }
    }

    func testFiftyThousandPeopleCanBeGenerated() {
        let demo = DemoAuthority(people: DemoAuthority.maximumPeople, seed: 2026)
        XCTAssertTrue((120...130).contains(demo.teams.count), "\(demo.teams.count) teams")
        let practitioners = demo.staff.filter { $0.role == .practitioner }.count
        XCTAssertTrue((1_800...2_300).contains(practitioners), "\(practitioners) practitioners")
        var people = 0, conversations = 0
        var ids = Set<UUID>()
        for start in stride(from: 0, to: demo.people, by: 5_000) {
            for person in demo.people(in: start..<min(start + 5_000, demo.people)) {
                people += 1
                conversations += person.conversations.count
                ids.insert(person.id)
            }
        }
        XCTAssertEqual(people, 50_000)
        XCTAssertEqual(ids.count, 50_000, "person ids are unique")
        XCTAssertGreaterThan(conversations, 100_000)
    }
}
