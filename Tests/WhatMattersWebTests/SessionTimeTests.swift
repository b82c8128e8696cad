import Fluent
import Foundation
import Vapor
import XCTest
@testable import WhatMattersStore
@testable import WhatMattersWeb

/// A session ends after its idle time; while in use, the time it was last seen is recorded at
/// most once a minute, and once for requests of the session arriving together.
final class SessionTimeTests: WebTestCase {
    func sessionKey(_ browser: Browser) throws -> String { try XCTUnwrap(browser.cookies["wm_session"]) }

    func stored(_ key: String) async throws -> [String: String] {
        let data = try await app.store.sessionData(key: key)
        return try XCTUnwrap(data)
    }

    /// Rewrites the stored session's last-seen time, as if its last request was `ago` seconds back.
    func setSeen(_ key: String, secondsAgo ago: Double) async throws {
        var data = try await stored(key)
        data[SessionKeys.seen] = String(Int(Date().timeIntervalSince1970 - ago))
        // Through Fluent's own model: the column is JSON text on SQLite and jsonb on PostgreSQL.
        try await SessionRecord.query(on: app.db).filter(\.$key == SessionID(string: key))
            .set(\.$data, to: SessionData(initialData: data)).update()
    }

    func testASessionUnusedForLongerThanItsIdleTimeIsSignedOut() async throws {
        let browser = Browser(app)
        try await browser.signIn(practitioner.email)
        let key = try sessionKey(browser)
        let first = try await browser.get("/caseload")
        XCTAssertEqual(first.status, .ok)
        try await setSeen(key, secondsAgo: Double(config.sessionIdleMinutes * 60) + 5)
        let res = try await browser.get("/caseload")
        XCTAssertEqual(res.status, .seeOther)
        XCTAssertEqual(res.location?.hasPrefix("/sign-in"), true, res.location ?? "no location")
    }

    func testLastSeenIsRecordedOnceAMinuteAndOnceForRequestsArrivingTogether() async throws {
        let browser = Browser(app)
        try await browser.signIn(practitioner.email)
        let key = try sessionKey(browser)
        // Seen within the minute: not written again.
        let signedIn = try await stored(key)[SessionKeys.seen]
        let soon = try await browser.get("/caseload")
        XCTAssertEqual(soon.status, .ok)
        let afterSoon = try await stored(key)[SessionKeys.seen]
        XCTAssertEqual(afterSoon, signedIn)
        // Seen 61 s ago: the next request records now, and the session stays signed in.
        try await setSeen(key, secondsAgo: 61)
        let later = try await browser.get("/caseload")
        XCTAssertEqual(later.status, .ok)
        let afterLater = try await stored(key)[SessionKeys.seen]
        let recorded = try XCTUnwrap(afterLater.flatMap(Double.init))
        XCTAssertEqual(recorded, Date().timeIntervalSince1970, accuracy: 5)

        // Of requests arriving together, only the first claims the write.
        let recorder = SeenRecorder()
        let now = Date().timeIntervalSince1970
        XCTAssertTrue(recorder.claim("a", now: now, within: 60))
        XCTAssertFalse(recorder.claim("a", now: now + 0.01, within: 60))
        XCTAssertTrue(recorder.claim("b", now: now + 0.01, within: 60))
        XCTAssertFalse(recorder.claim("a", now: now + 59, within: 60))
        XCTAssertTrue(recorder.claim("a", now: now + 60, within: 60))
    }
}
