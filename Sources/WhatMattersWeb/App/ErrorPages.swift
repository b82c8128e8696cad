import Foundation
import Vapor
import WhatMattersCore

/// Maps every error, once, to an HTML page in the user's language or to
/// `application/problem+json` for the API. Anything unexpected is logged and shown as a
/// plain 500 with no internals.
///
/// Written on futures, as `SecurityHeaders` is: an `AsyncMiddleware` starts a task of its own
/// for every request, and only a failed request needs one here.
struct ErrorPages: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).flatMapError { error in
            let webError = WebError.from(error)
            if webError == nil { req.logger.report(error: error) }
            let page = req.eventLoop.makePromise(of: Response.self)
            page.completeWithTask { await Self.response(for: webError, req) }
            return page.futureResult
        }
    }

    static func response(for error: WebError?, _ req: Request) async -> Response {
        let res = await body(for: error, req)
        if case .methodNotAllowed(let allowed)? = error {
            res.headers.replaceOrAdd(name: .allow, value: allowed.map(\.rawValue).joined(separator: ", "))
        }
        return res
    }

    private static func body(for error: WebError?, _ req: Request) async -> Response {
        let t = req.t
        let status = error?.status ?? .internalServerError
        let title = t(error?.titleKey ?? "problem.server")
        if req.isAPI {
            var problem = ProblemDTO(type: "about:blank", title: title, status: Int(status.code), detail: nil, errors: nil)
            switch error {
            case .invalid(let errors)?:
                problem.errors = errors.errors.map {
                    .init(field: $0.field, code: $0.code.rawValue, message: t.message($0), limit: $0.limit)
                }
                problem.detail = problem.errors?.map(\.message).joined(separator: " ")
            case .badRequest(let what)?:
                problem.detail = t("problem.badRequestDetail", ["what": what])
            case .conflict(let v)?:
                problem.detail = t("problem.conflictDetail", ["version": String(v)])
            case .notSignedIn?:
                problem.detail = t("problem.notSignedInDetail")
            default: break
            }
            let res = Response(status: status, body: .init(data: (try? APIControllers.encoder.encode(problem)) ?? Data()))
            res.headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
            res.headers.replaceOrAdd(name: .contentLanguage, value: t.locale.rawValue)
            if case .notSignedIn? = error { res.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
            return res
        }
        if case .notSignedIn? = error {
            let next = req.method == .GET ? "?next=" + Layout.queryValue(path: req.requestPath) : ""
            return req.redirect(to: SiteRoute.signIn.path + next)
        }
        if case .breakGlassAvailable(let personID)? = error {
            return req.html(BreakGlassOffer(personID: personID).render(await req.pageContext()), status: .forbidden)
        }
        let detail = t((error?.titleKey ?? "problem.server") + "Detail", [:])
        return req.html(ErrorPageModel(title: title, detail: detail).render(await req.pageContext()), status: status)
    }
}

/// Headers on every response: no caching of personal data, no framing, no sniffing, a strict
/// content security policy (no inline script or style anywhere). On futures (see `ErrorPages`).
struct SecurityHeaders: Middleware {
    let behindTLS: Bool
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).map { res in self.secured(res, req) }
    }

    private func secured(_ res: Response, _ req: Request) -> Response {
        let h = res.headers
        var headers = h
        if !req.requestPath.hasPrefix("/assets/") { headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        headers.replaceOrAdd(name: "Content-Security-Policy",
                             value: "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        if behindTLS { headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
        res.headers = headers
        return res
    }
}
