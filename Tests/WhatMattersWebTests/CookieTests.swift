import Foundation
import Vapor
import XCTest
@testable import WhatMattersWeb

/// Pages read the language, session and draft cookies straight from the `Cookie` header
/// (`Request.cookie`), not through Vapor's parser; both must give the same value.
final class CookieTests: XCTestCase {
    func testACookieReadsAsVaporReadsIt() async throws {
        let app = try await Application.make(.testing)
        let headers: [[String]] = [
            [],
            ["wm_lang=cy"],
            ["wm_session=abc123; wm_lang=en"],
            ["other=1;wm_lang=cy;x=2"],
            ["wm_lang=\"cy\""],
            ["  wm_lang =  cy  ; wm_session=s"],
            ["wm_lang=en; wm_lang=cy"],
            ["wm_lang=en", "wm_lang=cy"],
            ["xwm_lang=cy; wm_lang_x=en"],
            ["wm_lang"],
            ["wm_lang="],
            ["wm_draft=5F0C7E1A-0000-4000-8000-000000000001; wm_session=k%2Fz=="],
            ["enw=Gwenllïan Ŵyn; wm_lang=cy; other=ŵ"],
            ["wm_lang=cy;", ";;wm_lang=en;;"],
        ]
        for lines in headers {
            var h = HTTPHeaders()
            for line in lines { h.add(name: .cookie, value: line) }
            let req = Request(application: app, method: .GET, url: "/", headers: h, on: app.eventLoopGroup.next())
            for name in ["wm_lang", "wm_session", "wm_draft", "other"] {
                XCTAssertEqual(req.cookie(name), req.cookies[name]?.string, "\(name) in \(lines)")
            }
        }
        try await app.asyncShutdown()
    }
}
