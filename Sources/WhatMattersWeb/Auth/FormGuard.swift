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
                // Session over: keep anything typed, then ask the user to sign in again.
                if form.hasTypedText, let json = String(data: try JSONEncoder().encode(form), encoding: .utf8) {
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
            return try await handler(req, form)
        }
    }
}
