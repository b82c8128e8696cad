import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// Wraps every form handler of the pages (registered once, in the route table): a post whose
/// session has ended keeps what was typed as a draft and sends the user to sign in; a post
/// without this session's CSRF token is refused. Runs after the body has been collected.
enum FormGuard {
    typealias FormHandler = @Sendable (Request, FormBody) async throws -> Response

    static func guarded(requireSignIn: Bool = true, _ handler: @escaping FormHandler) -> @Sendable (Request) async throws -> Response {
        return { req in
            let form = FormBody(req)
            if requireSignIn && req.staff == nil {
                // Session over: keep anything typed (but never a password), then ask the user to sign in again.
                let kept = form.withoutPasswords
                if kept.hasTypedText, let json = String(data: try JSONEncoder().encode(kept), encoding: .utf8) {
                    let id = try await req.store.saveDraft(path: req.url.path, fields: json)
                    let next = SiteRoute.draft(id).path
                    let res = req.redirect(to: SiteRoute.signIn.path + "?kept=1&next=" + next)
                    res.cookies[Cookies.draft] = HTTPCookies.Value(string: id.uuidString, maxAge: 86_400, path: "/",
                                                                    isHTTPOnly: true, sameSite: .lax)
                    return res
                }
                return req.redirect(to: SiteRoute.signIn.path)
            }
            guard let token = form["_csrf"], req.hasSession, let expected = req.session.data[SessionKeys.csrf],
                  !expected.isEmpty, token == expected else {
                throw WebError.csrf
            }
            // Only a token as the form carries it (visible ASCII, like a UUID) is claimed: one
            // holding a NUL failed to save on PostgreSQL (500) and on SQLite was not found again,
            // so its repeat waited five seconds for a 503. Anything else is handled as untokened.
            guard requireSignIn, let staff = req.staff, let once = form["_once"], !once.isEmpty, once.utf8.count <= 64,
                  once.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return try await handler(req, form) }
            // Claimed per member of staff: a token posted by anyone else (copied, or guessed)
            // neither answers them with the first post's redirect nor swallows their post.
            return try await runOnce("\(staff.id.uuidString):\(once)", req) { try await handler(req, form) }
        }
    }

    /// Runs the handler once per form token: a repeat gets the first result's redirect.
    static func runOnce(_ token: String, _ req: Request, _ handle: () async throws -> Response) async throws -> Response {
        var claim = try await req.store.claimSubmission(token)
        var waited = 0
        while claim == .inFlight && waited < 50 {
            // The first post is still being saved; wait for its answer rather than save twice.
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
            claim = try await req.store.claimSubmission(token)
        }
        switch claim {
        case .done(let location): return req.redirect(to: location)
        case .inFlight: throw WebError.unavailable
        case .fresh:
            do {
                let res = try await handle()
                if res.status == .seeOther, let location = res.headers.first(name: .location) {
                    try await req.store.completeSubmission(token, location: location)
                } else {
                    try await req.store.releaseSubmission(token)
                }
                return res
            } catch {
                try? await req.store.releaseSubmission(token)
                throw error
            }
        }
    }
}
