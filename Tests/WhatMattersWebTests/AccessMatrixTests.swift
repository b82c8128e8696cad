import Foundation
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// Deny by default, over HTTP: every role × relationship × sensitivity × action, through the
/// pages and through the API, against a table written out here by hand (not computed by the
/// code under test). The run fails on any unexpected allow or unexpected deny.
final class AccessMatrixTests: WebTestCase {
    /// What each role may do with an ORDINARY record, by relationship. L list, R read,
    /// W write, E export. A restricted record the member of staff is not named on: nothing.
    static let expected: [Role: [Access.Relationship: String]] = [
        .practitioner: [.none: "", .team: "LRWE", .allocated: "LRWE", .breakGlass: "RW"],
        .teamManager: [.none: "", .team: "LRWE", .allocated: "LRWE", .breakGlass: "RW"],
        .mentor: [.none: "", .team: "LRWE", .allocated: "LRWE", .breakGlass: "RW"],
        .qualityLead: [.none: "LRE", .team: "LRE", .allocated: "LRE", .breakGlass: "LRE"],
        .seniorLeader: [.none: "LR", .team: "LR", .allocated: "LR", .breakGlass: "LR"],
        .panelMember: [.none: "", .team: "", .allocated: "", .breakGlass: "R"],
        .administrator: [.none: "", .team: "", .allocated: "", .breakGlass: "R"],
        .evaluator: [.none: "", .team: "", .allocated: "", .breakGlass: ""],
    ]

    struct Fixture {
        var role: Role
        var relationship: Access.Relationship
        var sensitivity: Access.Sensitivity
        var person: Person
    }

    func testEveryRoleRelationshipSensitivityAndActionOverPagesAndAPI() async throws {
        let other = try await app.store.createTeam(name: "Other team", service: .adults, by: .system("test"))
        let sealer = try await Accounts.addUser(app, email: "sealer@example.org", name: "Sealer", role: .teamManager,
                                                teamNames: [adults.name, other.name], password: Self.password).0
        var fixtures: [Fixture] = []
        var staffByRole: [Role: Staff] = [:]
        for role in Role.allCases {
            let staff = try await Accounts.addUser(app, email: "\(role.rawValue)@matrix.example.org", name: "Matrix \(role.rawValue)",
                                                   role: role, teamNames: [adults.name], password: Self.password).0
            staffByRole[role] = staff
            for relationship in Access.Relationship.allCases {
                for sensitivity in Access.Sensitivity.allCases {
                    let inTeam = relationship == .team || relationship == .allocated
                    let name = "Matrix \(role.rawValue) \(relationship.rawValue) \(sensitivity.rawValue)"
                    var p = try await app.store.createPerson(PersonDetails(
                        name: name, service: .adults, teamID: inTeam ? adults.id : other.id,
                        allocatedWorkerID: relationship == .allocated ? staff.id : nil, preferredLanguage: .en), by: .system("test"))
                    if relationship == .breakGlass {
                        _ = try await app.store.breakGlass(staff: staff, person: p, reason: "matrix test", minutes: 60, by: .system("test"))
                    }
                    if sensitivity == .restricted {
                        try await app.store.setRestriction(personID: p.id, restricted: true, named: [sealer.id], by: .system("test"))
                        p.restricted = true
                    }
                    fixtures.append(Fixture(role: role, relationship: relationship, sensitivity: sensitivity, person: p))
                }
            }
        }

        var unexpectedAllows: [String] = []
        var unexpectedDenies: [String] = []
        var checks = 0
        for role in Role.allCases {
            let staff = staffByRole[role]!
            let browser = Browser(app)
            if role == .administrator {
                // Administrators sign in with a second factor.
                let secret = TOTP.newSecret()
                try await app.store.setSecondFactor(staffID: staff.id, secret: Base32.encode(secret), by: .system("test"))
                try await browser.signIn(staff.email)
                try await browser.get("/sign-in/code")
                try await browser.post("/sign-in/code", [("code", TOTP.code(secret: secret, at: Date()))])
            } else {
                try await browser.signIn(staff.email)
            }
            let actual1 = try await browser.get("/caseload").status
            XCTAssertEqual(actual1, .ok, "\(role.rawValue) is signed in")
            let token = try await Accounts.createToken(app, email: staff.email)
            var apiHeaders = HTTPHeaders()
            apiHeaders.bearerAuthorization = BearerAuthorization(token: token)
            var jsonHeaders = apiHeaders
            jsonHeaders.contentType = .json

            let listPage = try await browser.get("/people?page=1").body + (try await browser.get("/people?page=2").body)
            let listAPI = try await browser.send(.GET, "/api/v1/people?per=200", headers: apiHeaders, body: nil).body

            for f in fixtures where f.role == role {
                let allowed = f.sensitivity == .restricted ? "" : Self.expected[role]![f.relationship]!
                let id = f.person.id
                func check(_ action: Character, _ channel: String, _ granted: Bool) {
                    checks += 1
                    let label = "\(role.rawValue) \(f.relationship.rawValue) \(f.sensitivity.rawValue) \(action) via \(channel)"
                    let expected = allowed.contains(action)
                    if granted && !expected { unexpectedAllows.append(label) }
                    if !granted && expected { unexpectedDenies.append(label) }
                }
                check("L", "page", listPage.contains(f.person.details.name))
                check("L", "api", listAPI.contains(id.uuidString))
                let search = try await browser.send(.POST, "/api/v1/people/search", headers: jsonHeaders, body: #"{"query":"\#(f.person.details.name)"}"#)
                check("L", "api search", search.body.contains(id.uuidString))

                check("R", "page", try await browser.get("/people/\(id)").status == .ok)
                check("R", "api", try await browser.send(.GET, "/api/v1/people/\(id)", headers: apiHeaders, body: nil).status == .ok)

                check("E", "page", try await browser.get("/people/\(id)/subject-access").status == .ok)
                check("E", "api", try await browser.send(.GET, "/api/v1/people/\(id)/subject-access", headers: apiHeaders, body: nil).status == .ok)

                try await browser.get("/caseload")  // a page with this session's CSRF token
                let pageWrite = try await browser.post("/people/\(id)/edit", [
                    ("name", f.person.details.name), ("service", "adults"), ("teamID", f.person.details.teamID.uuidString),
                    ("preferredLanguage", "en"), ("communicationNeeds", "page write by \(role.rawValue)"),
                    ("allocatedWorkerID", f.person.details.allocatedWorkerID?.uuidString ?? ""),
                ])
                check("W", "page", pageWrite.status == .seeOther && pageWrite.location?.hasPrefix("/people/\(id)") == true)
                let apiWrite = try await browser.send(.PUT, "/api/v1/people/\(id)", headers: jsonHeaders, body: """
                    {"name":"\(f.person.details.name)","service":"adults","teamID":"\(f.person.details.teamID)","preferredLanguage":"en",
                     "allocatedWorkerID":\(f.person.details.allocatedWorkerID.map { "\"\($0)\"" } ?? "null"),"communicationNeeds":"api write"}
                    """)
                check("W", "api", apiWrite.status == .ok)
            }
        }
        print("access matrix: \(checks) checks, \(unexpectedAllows.count) unexpected allows, \(unexpectedDenies.count) unexpected denies")
        XCTAssertEqual(checks, Role.allCases.count * 4 * 2 * 9)
        XCTAssertEqual(unexpectedAllows, [], "unexpected allows")
        XCTAssertEqual(unexpectedDenies, [], "unexpected denies")
    }

    func testBreakGlassNeedsAReasonAndAFreshPasswordIsMarkedAndTellsTheManager() async throws {
        let other = try await app.store.createTeam(name: "Other team", service: .adults, by: .system("test"))
        let manager = try await Accounts.addUser(app, email: "rheolwr@example.org", name: "Rheolwr", role: .teamManager,
                                                 teamNames: [other.name], password: Self.password).0
        let p = try await person("Elwyn Jones", team: other)
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let offer = try await b.get("/people/\(p.id)")
        XCTAssertEqual(offer.status, .forbidden)
        XCTAssertTrue(offer.body.contains("/people/\(p.id)/break-glass"))
        try await b.get("/people/\(p.id)/break-glass")
        let bad = try await b.post("/people/\(p.id)/break-glass", [("reason", "need"), ("password", "wrong password!")])
        XCTAssertEqual(bad.status, .unprocessableEntity)
        XCTAssertTrue(bad.body.contains("at least 10 characters") && bad.body.contains("Enter your own password"))
        let ok = try await b.post("/people/\(p.id)/break-glass", [("reason", "Police call about a safeguarding concern"), ("password", Self.password)])
        XCTAssertEqual(ok.status, .seeOther)
        let record = try await b.get("/people/\(p.id)")
        XCTAssertEqual(record.status, .ok)
        XCTAssertTrue(record.body.contains("Police call about a safeguarding concern"), "marked on the record")
        let m = Browser(app)
        try await m.signIn(manager.email)
        let team = try await m.get("/teams/\(other.id)")
        XCTAssertTrue(team.body.contains("Break-glass access:") && team.body.contains("Nia Practitioner"))
        let trail = try await app.store.auditTrail(personID: p.id)
        XCTAssertTrue(trail.contains { $0.action == "breakglass" && $0.detail == "Police call about a safeguarding concern" })
        XCTAssertTrue(trail.contains { $0.action == "person.read" && $0.detail == "break-glass" })
    }

    func testASealedRecordAppearsInNoListSearchOrCountForOthers() async throws {
        let p = try await person("Cyfrinach Jones")
        _ = try await app.store.addConversation(personID: p.id, ConversationDetails(date: Day("2025-01-01")!, kind: .safeguarding, language: .cy,
                                                                                    whatMatters: "Bod yn ddiogel", whatHappenedNext: .planAgreed),
                                                by: .system("test"))
        let before = try await app.store.conversationCounts(teamID: adults.id, viewerID: practitioner.id).total
        XCTAssertEqual(before, 1)
        let manager = try await Accounts.addUser(app, email: "tm@example.org", name: "TM", role: .teamManager, teamNames: [adults.name],
                                                 password: Self.password).0
        try await app.store.setRestriction(personID: p.id, restricted: true, named: [manager.id], by: AuditActor(manager))
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let actual1 = try await b.get("/people").body.contains("Cyfrinach")
        XCTAssertFalse(actual1)
        let actual2 = try await b.post("/people/search", [("query", "cyfrinach")]).body.contains("Cyfrinach")
        XCTAssertFalse(actual2)
        let actual3 = try await b.get("/people/\(p.id)").status
        XCTAssertEqual(actual3, .notFound)
        let actual4 = try await app.store.conversationCounts(teamID: adults.id, viewerID: practitioner.id).total
        XCTAssertEqual(actual4, 0)
        let actual5 = try await app.store.conversationCounts(teamID: adults.id, viewerID: manager.id).total
        XCTAssertEqual(actual5, 1)
        let named = Browser(app)
        try await named.signIn(manager.email)
        let record = try await named.get("/people/\(p.id)")
        XCTAssertEqual(record.status, .ok)
        XCTAssertTrue(record.body.contains("Restricted record"))
        XCTAssertTrue(record.body.contains("Who has looked at this record"))
    }

    func testSubjectAccessGathersEverythingIncludingWhoLooked() async throws {
        let p = try await person("Gwenllïan Ŵyn")
        _ = try await app.store.addConversation(personID: p.id, ConversationDetails(date: Day("2025-01-01")!, kind: .whatMatters, language: .cy,
                                                                                    whatMatters: "Canu yn y côr", whatHappenedNext: .ownSolution),
                                                by: AuditActor(practitioner))
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        try await b.get("/people/\(p.id)")
        let token = try await Accounts.createToken(app, email: "nia@example.org")
        var h = HTTPHeaders()
        h.bearerAuthorization = BearerAuthorization(token: token)
        let res = try await b.send(.GET, "/api/v1/people/\(p.id)/subject-access", headers: h, body: nil)
        XCTAssertEqual(res.status, .ok)
        let json = try JSONSerialization.jsonObject(with: Data(res.body.utf8)) as! [String: Any]
        XCTAssertEqual((json["person"] as! [String: Any])["name"] as? String, "Gwenllïan Ŵyn")
        XCTAssertEqual((json["conversations"] as! [[String: Any]]).first?["whatMatters"] as? String, "Canu yn y côr")
        let log = json["accessLog"] as! [[String: Any]]
        XCTAssertTrue(log.contains { $0["action"] as? String == "person.read" && $0["actor"] as? String == "nia@example.org" })
        let page = try await b.get("/people/\(p.id)/subject-access")
        XCTAssertTrue(page.body.contains("Everything held about Gwenllïan Ŵyn") && page.body.contains("Canu yn y côr"))
    }
}
