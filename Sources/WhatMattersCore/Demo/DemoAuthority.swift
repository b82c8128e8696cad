import Foundation

/// How good the plan of a demo person should be, for the plan generator (issue 3) to
/// honour, so that the practice review and audit pages have real work to show. People
/// whose conversations never ended in an agreed plan have `none`.
public enum DemoPlanQuality: String, CaseIterable, Sendable, Codable {
    /// Outcomes in the person's words, linked, strengths, both voices, every action serving an outcome, baselines.
    case exemplary
    /// Needs, deficits and diagnoses where what matters and strengths should be.
    case deficitLed = "deficit-led"
    /// "Personal outcomes" that are tasks or services ("help with personal care").
    case taskLikeOutcomes = "task-like-outcomes"
    /// Outcomes without baseline scores.
    case missingScores = "missing-scores"
    /// Services that serve no personal outcome.
    case unlinkedServices = "unlinked-services"
    /// No plan.
    case none
}

public struct DemoTeam: Equatable, Sendable, Identifiable {
    public let index: Int
    public let id: UUID
    /// The team's own name, Welsh or English, as it is known locally.
    public let name: String
    public let service: Service
    /// The area of the county borough the team covers.
    public let area: String
    public let welshNamed: Bool
}

public struct DemoStaff: Equatable, Sendable, Identifiable {
    public let index: Int
    public let id: UUID
    public let name: String
    /// ASCII, unique within the authority: `sian.ap.dafydd@demo.whatmatters.cymru`.
    public let email: String
    public let role: Role
    public let jobTitle: String
    public let jobTitleCy: String
    /// The teams the member belongs to. Practitioners and team managers have one; mentors
    /// and panel members a few; authority-wide roles (quality lead, senior leader,
    /// administrator, evaluator) every team.
    public let teamIndexes: [Int]
    public let teamIDs: [UUID]
    public let speaksWelsh: Bool
}

/// A sign-in printed by the CLI: one per role, with a fixed readable demo password.
public struct DemoSignIn: Equatable, Sendable {
    public let role: Role
    public let staffIndex: Int
    public let name: String
    public let email: String
    public let password: String
    public let teamIDs: [UUID]
}

/// One person supported, with their conversations, generated from the seed and their index.
public struct DemoPerson: Equatable, Sendable, Identifiable {
    public let index: Int
    public let id: UUID
    public let details: PersonDetails
    public let teamIndex: Int
    /// Index into `DemoAuthority.staff` of the allocated worker, if any.
    public let allocatedWorkerIndex: Int?
    public let sex: DemoSex
    /// Age on the authority's `asOf` day.
    public let age: Int
    /// Oldest first.
    public let conversations: [ConversationDetails]
    /// A stable id for each conversation, in the same order.
    public let conversationIDs: [UUID]
    /// The staff member (id) who recorded each conversation, in the same order.
    public let conversationRecordedBy: [UUID]
    /// The seam for the plan generator: what kind of plan this person should get.
    public let planQuality: DemoPlanQuality
}

/// A deterministic synthetic local authority: a fictional Welsh county borough, its teams
/// in adults', children's and carers' services, staff in every role, and up to 50,000
/// people supported with their What Matters conversations.
///
/// The same `people`, `seed` and `asOf` always give the same authority, on any platform.
/// Teams and staff are built at once (they are few); each person is generated on demand
/// from the seed and their index alone, so a large authority can be written in chunks
/// without holding everyone in memory:
///
/// ```swift
/// let demo = DemoAuthority(people: 50_000, seed: 7)
/// for start in stride(from: 0, to: demo.people, by: 1_000) {
///     for person in demo.people(in: start..<min(start + 1_000, demo.people)) { … }
/// }
/// ```
public struct DemoAuthority: Sendable {
    /// The largest authority the demo is designed and tested for.
    public static let maximumPeople = 50_000
    /// The day the demo is generated as of, unless another is given. Every date in the demo
    /// is on or before it. Fixed, so that output does not change with the clock.
    public static let defaultAsOf = Day(year: 2026, month: 11, day: 1)!
    public static let emailDomain = "demo.whatmatters.cymru"

    public let people: Int
    public let seed: UInt64
    public let asOf: Day

    /// "Cwm Arian County Borough Council".
    public let name: String
    /// "Cyngor Bwrdeistref Sirol Cwm Arian".
    public let nameCy: String
    /// The place name alone: "Cwm Arian".
    public let placeName: String

    public let teams: [DemoTeam]
    public let staff: [DemoStaff]
    /// One per role, in the order of `Role.allCases`.
    public let signIns: [DemoSignIn]

    // Per team: the chance a person speaks Welsh, practitioners (all / Welsh-speaking), manager.
    private let teamWelshShare: [Double]
    private let teamPractitioners: [[Int]]
    private let teamWelshPractitioners: [[Int]]
    private let teamManager: [Int]
    private let teamsByService: [[Int]] // indexed like Service.allCases

    private enum Stream {
        static let authority: UInt64 = 0x4155_5448 // AUTH
        static let teams: UInt64 = 0x5445_414D     // TEAM
        static let staff: UInt64 = 0x5354_4146     // STAF
        static let person: UInt64 = 0x5045_5253    // PERS
    }

    public init(people: Int, seed: UInt64 = 2026, asOf: Day = DemoAuthority.defaultAsOf) {
        precondition(people >= 0, "people must not be negative")
        self.people = people
        self.seed = seed
        self.asOf = asOf

        // The authority.
        var ra = SplitMix64(seed: seed, Stream.authority)
        let place = ra.pick(DemoAuthority.places)
        placeName = place
        name = "\(place) County Borough Council"
        nameCy = "Cyngor Bwrdeistref Sirol \(place)"

        // Teams: about one per 400 people, at least one in each service.
        var rt = SplitMix64(seed: seed, Stream.teams)
        let totalTeams = max(3, Int((Double(people) / 400).rounded()))
        var teams: [DemoTeam] = []
        var welshShare: [Double] = []
        var byService: [[Int]] = []
        for service in Service.allCases {
            let count = max(1, Int((Double(totalTeams) * DemoAuthority.serviceShare(service)).rounded()))
            let kinds = DemoAuthority.teamKinds(service)
            var combos: [(kind: Int, area: Int)] = []
            for k in kinds.indices { for a in DemoAuthority.areas.indices { combos.append((k, a)) } }
            combos = rt.shuffled(combos)
            // The first team of each service is a generic one for its area, so small demos read naturally.
            if let generic = combos.firstIndex(where: { $0.kind == 0 }) { combos.swapAt(0, generic) }
            var indexes: [Int] = []
            for i in 0..<count {
                let combo = combos[i % combos.count]
                let round = i / combos.count
                let kind = kinds[combo.kind], area = DemoAuthority.areas[combo.area]
                let welsh = rt.chance(0.5)
                var teamName = welsh ? "\(kind.cy) \(area.cy)" : "\(area.en) \(kind.en)"
                if round > 0 { teamName += " \(round + 1)" }
                let index = teams.count
                teams.append(DemoTeam(index: index, id: rt.uuid(), name: teamName, service: service,
                                      area: welsh ? area.cy : area.en, welshNamed: welsh))
                welshShare.append(0.15 + 0.3 * rt.unit() + (welsh ? 0.05 : -0.05))
                indexes.append(index)
            }
            byService.append(indexes)
        }
        self.teams = teams
        teamWelshShare = welshShare
        teamsByService = byService

        // Staff.
        var rs = SplitMix64(seed: seed, Stream.staff)
        var staff: [DemoStaff] = []
        // The sign-in cast keeps the same names and emails whatever the seed and size, so the
        // sign-ins printed for a demo are always right; everyone else is drawn.
        var emails = Set(Role.allCases.map { DemoAuthority.signInEmail(DemoAuthority.signInCast($0).name) })
        var cast = Set<Role>()
        var practitioners = Array(repeating: [Int](), count: teams.count)
        var welshPractitioners = Array(repeating: [Int](), count: teams.count)
        var managers = Array(repeating: 0, count: teams.count)
        let allTeams = Array(teams.indices)

        func add(_ role: Role, _ title: (en: String, cy: String), teams teamIndexes: [Int], welsh forced: Bool = false) -> Int {
            let sex: DemoSex = rs.chance(0.72) ? .female : .male
            var speaksWelsh = forced || rs.chance(0.45)
            let drawn = DemoNames.draw(&rs, sex: sex, birthYear: rs.int(in: 1962...1999),
                                       welshShare: speaksWelsh ? 0.85 : 0.25)
            var name = drawn.full
            var email: String
            if !cast.contains(role) {
                cast.insert(role)
                let member = DemoAuthority.signInCast(role)
                name = member.name
                speaksWelsh = member.speaksWelsh
                email = DemoAuthority.signInEmail(name)
            } else {
                let local = DemoNames.emailLocalPart(name)
                email = "\(local)@\(DemoAuthority.emailDomain)"
                var n = 2
                while emails.contains(email) { email = "\(local)\(n)@\(DemoAuthority.emailDomain)"; n += 1 }
                emails.insert(email)
            }
            let index = staff.count
            staff.append(DemoStaff(index: index, id: rs.uuid(), name: name, email: email, role: role,
                                   jobTitle: title.en, jobTitleCy: title.cy, teamIndexes: teamIndexes,
                                   teamIDs: teamIndexes.map { teams[$0].id }, speaksWelsh: speaksWelsh))
            return index
        }

        for team in teams {
            managers[team.index] = add(.teamManager, ("Team manager", "Rheolwr tîm"), teams: [team.index],
                                       welsh: team.index == 0)
            let expected = Double(people) * DemoAuthority.serviceShare(team.service)
                / Double(byService[Service.allCases.firstIndex(of: team.service)!].count)
            let count = max(1, Int((expected / 25).rounded()))
            let titles = DemoAuthority.practitionerTitles(team.service)
            for i in 0..<count {
                let title = i == 0 ? titles[0] : rs.pick(titles)
                let s = add(.practitioner, title, teams: [team.index], welsh: team.index == 0 && i == 0)
                practitioners[team.index].append(s)
                if staff[s].speaksWelsh { welshPractitioners[team.index].append(s) }
            }
        }
        let mentorCount = max(1, teams.count / 4)
        for m in 0..<mentorCount {
            _ = add(.mentor, ("Practice mentor, Collaborative Communication", "Mentor ymarfer, Cyfathrebu Cydweithredol"),
                    teams: allTeams.filter { $0 % mentorCount == m })
        }
        for q in 0..<max(1, teams.count / 12) {
            _ = add(.qualityLead, q == 0 ? ("Quality assurance lead", "Arweinydd sicrhau ansawdd")
                                         : ("Quality assurance officer", "Swyddog sicrhau ansawdd"), teams: allTeams)
        }
        for p in 0..<max(3, teams.count / 6) {
            let service = p % Service.allCases.count
            _ = add(.panelMember, p < Service.allCases.count ? ("Panel chair", "Cadeirydd y panel")
                                                            : ("Resource panel member", "Aelod o'r panel adnoddau"),
                    teams: byService[service])
        }
        let leaders: [(en: String, cy: String)] = [
            ("Director of Social Services", "Cyfarwyddwr Gwasanaethau Cymdeithasol"),
            ("Head of Adult Services", "Pennaeth Gwasanaethau Oedolion"),
            ("Head of Children's Services", "Pennaeth Gwasanaethau Plant"),
            ("Implementation lead, Collaborative Communication", "Arweinydd gweithredu, Cyfathrebu Cydweithredol"),
        ]
        for l in leaders.prefix(teams.count < 6 ? 2 : 4) { _ = add(.seniorLeader, l, teams: allTeams) }
        _ = add(.administrator, ("Systems administrator", "Gweinyddwr systemau"), teams: allTeams)
        _ = add(.evaluator, ("Evaluator", "Gwerthuswr"), teams: allTeams)

        self.staff = staff
        teamPractitioners = practitioners
        teamWelshPractitioners = welshPractitioners
        teamManager = managers

        // One sign-in per role: the first member of each role (the fixed cast; the practitioner
        // and team manager share team 0, and the mentor and panel member cover it).
        signIns = Role.allCases.map { role in
            let s = staff.first { $0.role == role }!
            return DemoSignIn(role: role, staffIndex: s.index, name: s.name, email: s.email,
                              password: "demo-\(role.rawValue)-2026", teamIDs: s.teamIDs)
        }
    }

    // MARK: People

    /// Every person, generated lazily in index order.
    public var allPeople: LazyMapSequence<Range<Int>, DemoPerson> {
        (0..<people).lazy.map { self.person(at: $0) }
    }

    public func people(in range: Range<Int>) -> [DemoPerson] {
        range.map { person(at: $0) }
    }

    /// A generator for anything else derived from one person (a plan, say), independent of
    /// the draws that made the person, so adding it later changes nothing already generated.
    public func randomSource(forPerson index: Int, stream: String) -> SplitMix64 {
        SplitMix64(seed: seed, Stream.person, UInt64(index), SplitMix64.hash(stream))
    }

    /// The person at `index` (0 ..< people), the same on every call.
    public func person(at index: Int) -> DemoPerson {
        precondition(index >= 0 && index < people, "person index out of range")
        var r = SplitMix64(seed: seed, Stream.person, UInt64(index))
        let id = r.uuid()

        // Service, team, age, sex.
        let service = r.weighted([(Service.adults, 0.55), (.children, 0.30), (.carers, 0.15)])
        let serviceTeams = teamsByService[Service.allCases.firstIndex(of: service)!]
        let teamIndex = r.pick(serviceTeams)
        let age = DemoAuthority.drawAge(service, &r)
        let dob = drawBirthday(age: age, &r)
        let sex: DemoSex = r.chance(service == .children ? 0.5 : service == .adults ? 0.57 : 0.62) ? .female : .male

        // Language and name.
        let language: LanguageChoice
        var other: DemoOtherLanguage?
        if r.chance(teamWelshShare[teamIndex]) {
            language = .cy
        } else if r.chance(0.045) {
            language = .other
            other = r.weighted(DemoAuthority.otherLanguageWeights)
        } else {
            language = .en
        }
        let name: DemoName
        if let other {
            name = DemoNames.drawOther(&r, sex: sex, language: other)
        } else {
            name = DemoNames.draw(&r, sex: sex, birthYear: dob.year, welshShare: language == .cy ? 0.88 : 0.22)
        }

        // Allocated worker: usually, and a Welsh speaker for most Welsh speakers.
        var worker: Int?
        if r.chance(0.9) {
            let welshOnes = teamWelshPractitioners[teamIndex]
            if language == .cy, !welshOnes.isEmpty, r.chance(0.8) {
                worker = r.pick(welshOnes)
            } else {
                worker = r.pick(teamPractitioners[teamIndex])
            }
        }

        // Text context, with values fixed for the person.
        var ctx = DemoTextContext(first: name.first, sex: sex, welshFirst: name.welshFirst, service: service, age: age)
        if service == .carers {
            let rel = r.pick(DemoAuthority.caredFor.filter { $0.ages.contains(age) })
            let relSex = rel.sex ?? (r.chance(0.5) ? .female : .male)
            let welshName = r.chance(name.welshFirst ? 0.8 : 0.2)
            let caredName = DemoNames.firstName(&r, sex: relSex, older: rel.older ?? (age >= 55), welsh: welshName)
            ctx.values["caredFor"] = DemoPhrase(rel.en, rel.cy)
            ctx.values["caredForName"] = DemoPhrase(caredName, caredName)
            ctx.values["caredForName~a"] = DemoPhrase(caredName, welshName ? WelshMutation.aspirate(caredName) : caredName)
        }
        let baseline = r.int(in: 2...5)
        ctx.values["baseline"] = DemoPhrase("\(baseline)", "\(baseline)")
        let score = min(10, baseline + r.int(in: 1...4))
        ctx.values["score"] = DemoPhrase("\(score)", "\(score)")

        // Conversations.
        let count = 1 + r.weightedIndex([35, 30, 20, 15])
        let dates = drawDates(count: count, after: dob, &r)
        var conversations: [ConversationDetails] = []
        var ids: [UUID] = []
        var recorders: [UUID] = []
        for (i, date) in dates.enumerated() {
            let kind: ConversationKind = i == 0
                ? (r.chance(0.8) ? .whatMatters : r.weighted([(.safeguarding, 6.0), (.crisis, 6), (.multiAgency, 3), (.other, 5)]))
                : r.weighted([(.review, 30.0), (.whatMatters, 18), (.multiAgency, 15), (.safeguarding, 12), (.crisis, 10), (.other, 15)])
            let recorder: Int
            if let worker, r.chance(0.8) {
                recorder = worker
            } else {
                recorder = r.pick(teamPractitioners[teamIndex] + [teamManager[teamIndex]])
            }
            ids.append(r.uuid())
            recorders.append(staff[recorder].id)
            conversations.append(conversation(kind: kind, date: date, language: language, other: other, ctx: ctx, &r))
        }

        // The Active Offer, usually recorded by whoever held the first conversation.
        var offerOn: Day?
        var offerBy = ""
        if r.chance(0.93), let first = dates.first {
            let earliest = max(DemoCalendar.serial(dob), DemoCalendar.serial(Day(year: 2000, month: 1, day: 1)!))
            offerOn = DemoCalendar.day(max(earliest, DemoCalendar.serial(first) - r.int(in: 0...14)))
            offerBy = staff.first { $0.id == recorders[0] }!.name
        }

        // Communication needs, in the person's language.
        var needs = ""
        if let other {
            needs = other.en == "British Sign Language"
                ? "Uses British Sign Language; book a BSL interpreter for every visit."
                : "Needs \("AEIOU".contains(other.en.first!) ? "an" : "a") \(other.en) interpreter; please do not ask family members to interpret."
        } else if language == .cy && r.chance(0.12) {
            needs = DemoRenderer.render(DemoText.welshAtEase, welsh: true, ctx, &r)
        } else if r.chance(0.15) {
            let options = DemoText.communicationNeeds.filter { $0.ages.contains(age) }
            if !options.isEmpty {
                needs = DemoRenderer.render(r.pick(options), welsh: language == .cy, ctx, &r)
            }
        }

        let planQuality: DemoPlanQuality = conversations.contains { $0.whatHappenedNext == .planAgreed }
            ? r.weighted([(.exemplary, 35.0), (.deficitLed, 18), (.taskLikeOutcomes, 20), (.missingScores, 15), (.unlinkedServices, 12)])
            : .none

        let details = PersonDetails(
            name: name.full, dateOfBirth: dob, service: service, teamID: teams[teamIndex].id,
            allocatedWorkerID: worker.map { staff[$0].id }, preferredLanguage: language,
            activeOfferMadeOn: offerOn, activeOfferMadeBy: offerBy, communicationNeeds: needs)
        return DemoPerson(index: index, id: id, details: details, teamIndex: teamIndex, allocatedWorkerIndex: worker,
                          sex: sex, age: age, conversations: conversations, conversationIDs: ids,
                          conversationRecordedBy: recorders, planQuality: planQuality)
    }

    // MARK: One conversation

    private func conversation(kind: ConversationKind, date: Day, language: LanguageChoice, other: DemoOtherLanguage?,
                              ctx: DemoTextContext, _ r: inout SplitMix64) -> ConversationDetails {
        let service = ctx.service, age = ctx.age

        // The language it was held in; the text is Welsh when that was Welsh.
        let held: LanguageChoice
        switch language {
        case .cy: held = kind == .multiAgency && r.chance(0.3) ? .en : (r.chance(0.95) ? .cy : .en)
        case .other: held = r.chance(0.4) ? .other : .en
        case .en: held = .en
        }
        let welsh = held == .cy

        // Whose words.
        let whose: Whose
        switch service {
        case .adults:
            whose = r.weighted([(.person, 78.0), (.family, 7), (.carer, 5), (.advocate, 5), (.practitioner, 5)])
        case .carers:
            whose = r.weighted([(.person, 92.0), (.practitioner, 8)])
        case .children:
            if age < 2 { whose = .parent }
            else if age < 5 { whose = r.weighted([(.parent, 85.0), (.practitioner, 15)]) }
            else if age < 8 { whose = r.weighted([(.child, 70.0), (.parent, 22), (.practitioner, 8)]) }
            else { whose = r.weighted([(.child, 70.0), (.parent, 14), (.advocate, 8), (.practitioner, 8)]) }
        }

        // What matters, in those words.
        let whatMatters = statement(kind: kind, whose: whose, welsh: welsh, ctx: ctx, &r)

        // What happened next: spread, and weighted by the kind of conversation.
        let weights: [Double]
        switch kind {
        case .whatMatters: weights = [22, 22, 16, 10, 18, 12]
        case .review: weights = [10, 15, 15, 25, 30, 5]
        case .safeguarding: weights = [10, 5, 5, 20, 35, 25]
        case .multiAgency: weights = [10, 15, 5, 10, 45, 15]
        case .crisis: weights = [15, 10, 15, 15, 20, 25]
        case .other: weights = [30, 20, 15, 25, 5, 5]
        }
        let next = WhatHappenedNext.allCases[r.weightedIndex(weights)]

        // The practitioner's note.
        let family = service == .children && (age < 8 || whose == .parent)
        var body: [String] = []
        if let o = pick(DemoText.opening(kind: kind, service: service, age: age), age, &r) {
            body.append(DemoRenderer.render(o, welsh: welsh, ctx, &r))
        }
        if r.chance(0.85), let s = pick(DemoText.slots["\(service.rawValue).strength"] ?? [], age, &r) {
            body.append(DemoRenderer.render(s, welsh: welsh, ctx, &r))
        }
        if let d = pick(DemoText.kindDetail(kind: kind, service: service), age, &r) {
            body.append(DemoRenderer.render(d, welsh: welsh, ctx, &r))
        }
        var narrative = body.joined(separator: " ")
        if let n = pick(DemoText.next(next, family: family), age, &r) {
            narrative += (r.chance(0.5) ? "\n\n" : " ") + DemoRenderer.render(n, welsh: welsh, ctx, &r)
        }

        // Who took part.
        var parts = Set<Participant>()
        var others: [String] = []
        func named(_ rel: (en: String, cy: String, sex: DemoSex)) -> String {
            let first = DemoNames.firstName(&r, sex: rel.sex, older: age >= 40, welsh: ctx.welshFirst ? r.chance(0.8) : r.chance(0.2))
            return "\(welsh ? rel.cy : rel.en) (\(first))"
        }
        switch service {
        case .adults, .carers:
            parts.insert(.person)
            if whose == .family || r.chance(0.25) {
                parts.insert(.family)
                others.append(named(r.pick(DemoAuthority.adultFamily)))
            }
            if whose == .carer {
                parts.insert(.carer)
                let carer = r.pick(DemoAuthority.mainCarers.filter { $0.ages.contains(age) })
                others.append(named((carer.en, carer.cy, carer.sex)))
            }
            if whose == .advocate {
                parts.insert(.advocate)
                others.append(welsh ? "Eiriolwr annibynnol" : "Independent advocate")
            }
        case .children:
            if age >= 3 { parts.insert(.child) }
            if age < 16 || whose == .parent || r.chance(0.5) {
                parts.insert(.parent)
                others.append(named(r.pick(DemoAuthority.parents)))
            }
            if r.chance(0.15) {
                parts.insert(.family)
                others.append(named(r.pick(DemoAuthority.grandparents)))
            }
            if whose == .advocate {
                parts.insert(.advocate)
                others.append(welsh ? "Eiriolwr (Tros Gynnal Plant)" : "Advocate (Tros Gynnal Plant)")
            }
        }
        if kind == .multiAgency || (kind == .safeguarding && r.chance(0.5)) {
            parts.insert(.partnerAgency)
            let agencies = DemoAuthority.agencies(service)
            let first = r.below(agencies.count)
            others.append(welsh ? agencies[first].cy : agencies[first].en)
            if kind == .multiAgency {
                let second = (first + 1 + r.below(agencies.count - 1)) % agencies.count
                others.append(welsh ? agencies[second].cy : agencies[second].en)
            }
        }
        if let other, other.en != "British Sign Language" {
            others.append(welsh ? "Cyfieithydd (\(other.cy))" : "Interpreter (\(other.en))")
        } else if other != nil {
            others.append("BSL interpreter")
        }
        let participants = Participant.allCases.filter { parts.contains($0) }

        return ConversationDetails(date: date, kind: kind, participants: participants,
                                   othersPresent: others.joined(separator: "; "), language: held,
                                   whatMatters: whatMatters, whoseWords: whose, narrative: narrative,
                                   whatHappenedNext: next)
    }

    private func statement(kind: ConversationKind, whose: Whose, welsh: Bool, ctx: DemoTextContext,
                           _ r: inout SplitMix64) -> String {
        let service = ctx.service, age = ctx.age
        let general: [DemoPhrase]
        switch (service, whose) {
        case (.adults, .family), (.adults, .carer): general = DemoText.adultsFamily
        case (.adults, .advocate): general = DemoText.adultsAdvocate
        case (.adults, .practitioner), (.carers, .practitioner): general = DemoText.practitionerReported
        case (.adults, _): general = DemoText.adultsPerson
        case (.carers, _): general = DemoText.carersPerson
        case (.children, .child): general = DemoText.childrenChild
        case (.children, .advocate): general = DemoText.childrenAdvocate
        case (.children, .practitioner): general = DemoText.childrenPractitionerReported
        case (.children, _): general = DemoText.childrenParent
        }
        var text = ""
        switch kind {
        case .safeguarding, .crisis:
            let special = kind == .safeguarding ? DemoText.safeguarding(service: service, whose: whose)
                                                : DemoText.crisis(service: service, whose: whose)
            if r.chance(0.8), let p = pick(special, age, &r) {
                return DemoRenderer.render(p, welsh: welsh, ctx, &r)
            }
        case .review:
            if let p = pick(DemoText.reviewOpening(service: service, whose: whose), age, &r) {
                text = DemoRenderer.render(p, welsh: welsh, ctx, &r) + " "
            }
        default:
            break
        }
        // Every pool has patterns for every age it is used at; the fallbacks are a safety net.
        let p = pick(general, age, &r)
            ?? pick(service == .children ? DemoText.childrenParent : DemoText.adultsPerson, age, &r)
            ?? DemoText.carersPerson[2]
        return text + DemoRenderer.render(p, welsh: welsh, ctx, &r)
    }

    private func pick(_ phrases: [DemoPhrase], _ age: Int, _ r: inout SplitMix64) -> DemoPhrase? {
        let fit = phrases.filter { $0.ages.contains(age) }
        return fit.isEmpty ? nil : r.pick(fit)
    }

    // MARK: Dates

    private static func drawAge(_ service: Service, _ r: inout SplitMix64) -> Int {
        switch service {
        case .children: return r.int(in: 0...17)
        case .adults: return r.int(in: r.weighted([(18...39, 0.14), (40...64, 0.21), (65...84, 0.40), (85...100, 0.25)]))
        case .carers: return r.int(in: r.weighted([(18...39, 0.15), (40...64, 0.45), (65...90, 0.40)]))
        }
    }

    private func yearsBefore(_ years: Int) -> Day {
        let y = asOf.year - years
        return Day(year: y, month: asOf.month, day: min(asOf.day, Day.daysIn(month: asOf.month, year: y)))!
    }

    /// A birthday that makes the person exactly `age` on `asOf`.
    private func drawBirthday(age: Int, _ r: inout SplitMix64) -> Day {
        let latest = DemoCalendar.serial(yearsBefore(age))
        let earliest = DemoCalendar.serial(yearsBefore(age + 1)) + 1
        return DemoCalendar.day(r.int(in: earliest...latest))
    }

    /// Conversation days within the two years before `asOf`, after birth, on weekdays, oldest first.
    private func drawDates(count: Int, after dob: Day, _ r: inout SplitMix64) -> [Day] {
        let end = DemoCalendar.serial(asOf)
        let start = min(end, max(end - 730, DemoCalendar.serial(dob) + 1))
        var days: [Int] = []
        for _ in 0..<count {
            var d = r.int(in: start...end)
            let weekday = DemoCalendar.weekday(DemoCalendar.day(d))
            if weekday >= 5 {
                if d - (weekday - 4) >= start { d -= weekday - 4 } else if d + (7 - weekday) <= end { d += 7 - weekday }
            }
            days.append(d)
        }
        return days.sorted().map(DemoCalendar.day)
    }

    // MARK: Reference lists

    /// The members of staff who sign in to the demo, one per role: the same in every demo.
    public static func signInCast(_ role: Role) -> (name: String, speaksWelsh: Bool) {
        switch role {
        case .practitioner: return ("Siân ap Dafydd", true)
        case .teamManager: return ("Gareth Llywelyn", true)
        case .mentor: return ("Eleri Prys", true)
        case .qualityLead: return ("Nia Gruffudd", true)
        case .panelMember: return ("Tomos Rhydderch", true)
        case .seniorLeader: return ("Helen Morgan", false)
        case .administrator: return ("Dylan Parry", false)
        case .evaluator: return ("Ffion Evans", true)
        }
    }

    static func signInEmail(_ name: String) -> String {
        "\(DemoNames.emailLocalPart(name))@\(emailDomain)"
    }

    static func serviceShare(_ service: Service) -> Double {
        switch service {
        case .adults: return 0.55
        case .children: return 0.30
        case .carers: return 0.15
        }
    }

    /// Fictional county boroughs.
    static let places = ["Cwm Arian", "Bro Helyg", "Dyffryn Aur", "Glyn Derwen", "Mynydd Llwyd", "Afon Wen", "Bro Eithin"]

    static let areas: [(en: String, cy: String)] = [
        ("North", "Gogledd"), ("South", "De"), ("East", "Dwyrain"), ("West", "Gorllewin"), ("Central", "Canol"),
        ("Cwm Tawel", "Cwm Tawel"), ("Pen-y-bryn", "Pen-y-bryn"), ("Llanfair Isaf", "Llanfair Isaf"),
        ("Glan-yr-afon", "Glan-yr-afon"), ("Bryn Hyfryd", "Bryn Hyfryd"), ("Pontnewydd", "Pontnewydd"),
        ("Maes-y-coed", "Maes-y-coed"), ("Trewen", "Trewen"), ("Nant-y-ddraig", "Nant-y-ddraig"),
        ("Aberhenwen", "Aberhenwen"), ("Ystrad Fawr", "Ystrad Fawr"), ("Coed-y-wern", "Coed-y-wern"),
        ("Llys Faen", "Llys Faen"), ("Cefn Glas", "Cefn Glas"), ("Dolwen", "Dolwen"), ("Tal-y-garn", "Tal-y-garn"),
        ("Rhosfawr", "Rhosfawr"), ("Blaen-cwm", "Blaen-cwm"), ("Hafod Wen", "Hafod Wen"), ("Gelli Aur", "Gelli Aur"),
    ]

    static func teamKinds(_ service: Service) -> [(en: String, cy: String)] {
        switch service {
        case .adults:
            return [("Adults' Community Team", "Tîm Oedolion"), ("Older People's Team", "Tîm Pobl Hŷn"),
                    ("Learning Disability Team", "Tîm Anableddau Dysgu"),
                    ("Community Mental Health Team", "Tîm Iechyd Meddwl Cymunedol"),
                    ("Reablement Team", "Tîm Ailalluogi"), ("Hospital Discharge Team", "Tîm Rhyddhau o'r Ysbyty")]
        case .children:
            return [("Children and Families Team", "Tîm Plant a Theuluoedd"),
                    ("Children's Intake and Assessment Team", "Tîm Derbyn ac Asesu Plant"),
                    ("Disabled Children's Team", "Tîm Plant Anabl"), ("Family Support Team", "Tîm Cymorth i Deuluoedd"),
                    ("Looked After Children Team", "Tîm Plant sy'n Derbyn Gofal"), ("Early Help Team", "Tîm Cymorth Cynnar")]
        case .carers:
            return [("Carers' Team", "Tîm Gofalwyr"), ("Carers' Support Team", "Tîm Cymorth Gofalwyr"),
                    ("Carers' Assessment Team", "Tîm Asesu Gofalwyr")]
        }
    }

    static func practitionerTitles(_ service: Service) -> [(en: String, cy: String)] {
        switch service {
        case .adults:
            return [("Social worker", "Gweithiwr cymdeithasol"), ("Occupational therapist", "Therapydd galwedigaethol"),
                    ("Community support worker", "Gweithiwr cymorth cymunedol"), ("Social worker", "Gweithiwr cymdeithasol")]
        case .children:
            return [("Social worker", "Gweithiwr cymdeithasol"), ("Family support worker", "Gweithiwr cymorth i deuluoedd"),
                    ("Social worker", "Gweithiwr cymdeithasol")]
        case .carers:
            return [("Carers' support worker", "Gweithiwr cymorth i ofalwyr"), ("Social worker", "Gweithiwr cymdeithasol")]
        }
    }

    static let otherLanguageWeights: [(DemoOtherLanguage, Double)] =
        zip(DemoNames.otherLanguages, [30.0, 15, 12, 10, 10, 13, 10]).map { ($0, $1) }

    /// Whom a carer cares for: first-person phrase, sex if fixed, generation if fixed, carer's ages.
    static let caredFor: [(en: String, cy: String, sex: DemoSex?, older: Bool?, ages: ClosedRange<Int>)] = [
        ("my husband", "fy ngŵr", .male, nil, 25...90), ("my wife", "fy ngwraig", .female, nil, 25...90),
        ("my mum", "fy mam", .female, true, 18...75), ("my dad", "fy nhad", .male, true, 18...75),
        ("my son", "fy mab", .male, false, 35...90), ("my daughter", "fy merch", .female, false, 35...90),
        ("my partner", "fy mhartner", nil, nil, 18...90),
    ]

    static let adultFamily: [(en: String, cy: String, sex: DemoSex)] = [
        ("Daughter", "Merch", .female), ("Son", "Mab", .male), ("Niece", "Nith", .female),
        ("Cousin", "Cefnder", .male), ("Sister", "Chwaer", .female), ("Brother", "Brawd", .male),
    ]
    static let mainCarers: [(en: String, cy: String, sex: DemoSex, ages: ClosedRange<Int>)] = [
        ("Husband, main carer", "Gŵr, prif ofalwr", .male, 30...130), ("Wife, main carer", "Gwraig, prif ofalwr", .female, 30...130),
        ("Daughter, main carer", "Merch, prif ofalwr", .female, 55...130), ("Son, main carer", "Mab, prif ofalwr", .male, 55...130),
        ("Mum, main carer", "Mam, prif ofalwr", .female, 18...60), ("Dad, main carer", "Tad, prif ofalwr", .male, 18...60),
    ]
    static let parents: [(en: String, cy: String, sex: DemoSex)] = [
        ("Mum", "Mam", .female), ("Dad", "Dad", .male), ("Mum", "Mam", .female), ("Foster carer", "Gofalwr maeth", .female),
    ]
    static let grandparents: [(en: String, cy: String, sex: DemoSex)] = [
        ("Nan", "Nain", .female), ("Grandad", "Taid", .male),
    ]

    static func agencies(_ service: Service) -> [(en: String, cy: String)] {
        switch service {
        case .adults:
            return [("District nurse", "Nyrs ardal"), ("GP", "Meddyg teulu"), ("Occupational therapist", "Therapydd galwedigaethol"),
                    ("Housing officer", "Swyddog tai"), ("Community connector", "Cysylltydd cymunedol")]
        case .children:
            return [("Health visitor", "Ymwelydd iechyd"), ("Class teacher", "Athro dosbarth"), ("School nurse", "Nyrs ysgol"),
                    ("Police community support officer", "Swyddog cymorth cymunedol yr heddlu")]
        case .carers:
            return [("GP", "Meddyg teulu"), ("Carers' centre worker", "Gweithiwr y ganolfan gofalwyr"),
                    ("Hospital discharge nurse", "Nyrs rhyddhau o'r ysbyty")]
        }
    }
}
