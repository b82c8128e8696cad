import Foundation
import SQLKit
import Vapor
import XCTest
import WhatMattersCore
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// The navigation on every signed-in page, as specifications: each of the member of staff's
/// teams has a link of its own, named after the team, so that no two links with the same
/// words go to different places (WCAG 2.4.4, link purpose); the names are read once, not on
/// every page.
final class NavigationTests: WebTestCase {
    /// The navigation's links, as (address, words), in order.
    func navigationLinks(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws -> [(href: String, text: String)] {
        let start = try XCTUnwrap(html.range(of: "<nav class=\"wm-nav\""), "a navigation", file: file, line: line)
        let end = try XCTUnwrap(html.range(of: "</nav>", range: start.upperBound..<html.endIndex), file: file, line: line)
        let nav = String(html[start.lowerBound..<end.upperBound])
        let link = try NSRegularExpression(pattern: #"<a href="([^"]*)"[^>]*>([^<]*)</a>"#)
        return link.matches(in: nav, range: NSRange(nav.startIndex..., in: nav)).map {
            (String(nav[Range($0.range(at: 1), in: nav)!]), String(nav[Range($0.range(at: 2), in: nav)!]))
        }
    }

    func teamLinks(_ html: String, file: StaticString = #filePath, line: UInt = #line) throws -> [(href: String, text: String)] {
        try navigationLinks(html, file: file, line: line).filter { $0.href.hasPrefix("/teams/") }
    }

    func testStaffInSeveralTeamsSeeEachTeamNamedInOrderOfName() async throws {
        let carers = try await app.store.createTeam(name: "Carers West", service: .carers, by: .system("test"))
        _ = try await Accounts.addUser(app, email: "mentor@example.org", name: "Mari Mentor", role: .mentor,
                                       teamNames: [adults.name, children.name, carers.name], password: Self.password)
        let b = Browser(app)
        try await b.signIn("mentor@example.org")
        for language in ["en", "cy"] {
            try await b.get("/language/\(language)?back=%2Fcaseload")
            let page = try await b.get("/caseload")
            XCTAssertEqual(page.status, .ok)
            let links = try teamLinks(page.body)
            XCTAssertEqual(links.map(\.text), ["Carers West", "Children East", "Tîm Oedolion Gogledd"], "\(language): each team by its name")
            XCTAssertEqual(links.map(\.href), [carers.id, children.id, adults.id].map { SiteRoute.team($0).path }, "\(language)")
            XCTAssertFalse(links.contains { $0.text == "Team" || $0.text == "Tîm" }, "\(language): no link is just \"Team\"")

            // No two links of the navigation say the same and go to different places.
            let all = try navigationLinks(page.body)
            for text in Set(all.map(\.text)) {
                XCTAssertEqual(Set(all.filter { $0.text == text }.map(\.href)).count, 1, "\(language): \"\(text)\" goes to one place")
            }
        }
        let team = try await b.get(SiteRoute.team(children.id).path)
        XCTAssertTrue(team.body.contains("<a href=\"\(SiteRoute.team(children.id).path)\" aria-current=\"page\">Children East</a>"),
                      "the team's own page marks its link")
    }

    func testStaffInOneTeamSeeItNamedToo() async throws {
        let b = Browser(app)
        try await b.signIn("nia@example.org")
        let page = try await b.get("/people")
        let links = try teamLinks(page.body)
        XCTAssertEqual(links.map(\.text), ["Tîm Oedolion Gogledd"])
        XCTAssertEqual(links.map(\.href), [SiteRoute.team(adults.id).path])
    }

    func testATeamsNameIsReadOnceAndKeptForAWhileNotReadOnEveryPage() async throws {
        let names = TeamNames()
        let store = app.store
        let now = Date()
        var read = await names.names([adults.id, children.id], store: store, logger: app.logger, now: now)
        XCTAssertEqual(read, [adults.id: "Tîm Oedolion Gogledd", children.id: "Children East"])

        // Changed behind its back, the name is not read again while it is kept ...
        let sql = app.db as! any SQLDatabase
        try await sql.raw("UPDATE teams SET name = \(bind: "Oedolion Gogledd") WHERE id = \(bind: adults.id)").run()
        read = await names.names([adults.id], store: store, logger: app.logger, now: now.addingTimeInterval(names.lifetime - 1))
        XCTAssertEqual(read, [adults.id: "Tîm Oedolion Gogledd"], "kept, so no query")
        // ... and is read again once kept for its lifetime.
        read = await names.names([adults.id], store: store, logger: app.logger, now: now.addingTimeInterval(names.lifetime))
        XCTAssertEqual(read, [adults.id: "Oedolion Gogledd"])

        // A team that cannot be found (or a database that does not answer) leaves the link
        // unnamed rather than refusing the page.
        let unknown = UUID()
        read = await names.names([unknown], store: store, logger: app.logger, now: now)
        XCTAssertEqual(read, [:])
        let staff = Staff(id: UUID(), email: "x@example.org", name: "X", role: .practitioner, teamIDs: [unknown])
        let html = Layout.page(PageContext(t: Localizer(.cy), staff: staff, csrf: "c", path: "/"), title: "T", []).render()
        XCTAssertEqual(try teamLinks(html).map(\.text), ["Tîm"])
    }
}
