import Foundation
import Plot
import Vapor
import WhatMattersCore
import WhatMattersStore

/// The second step of signing in, and setting up the authenticator app.
struct SecondFactorCodeModel {
    var next: String?
    var problem: String?

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        return Layout.page(ctx, title: t("secondFactor.codeTitle"), problems: problem.map { [FormProblem(field: "code", message: $0)] } ?? [], [
            Components.heading(t("secondFactor.codeTitle")),
            H.el("form", ["method": "post", "action": SiteRoute.signInCode.path, "novalidate": ""], [
                Components.csrf(ctx.csrf),
                next.map { Components.hidden("next", $0) } ?? H.group([]),
                Components.textInput(FieldState(name: "code", value: "", error: problem), label: t("field.code"), hint: t("hint.code"), t: t,
                                     width: "govuk-input govuk-input--width-10", autocomplete: "one-time-code", spellcheck: false, inputmode: "numeric"),
                Components.button(t("signIn.button")),
            ]),
        ])
    }
}

struct SecondFactorSetupModel {
    var enabled: Bool
    var secret: String?
    var uri: String?
    var problem: String?
    var required: Bool

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        var content: [BodyNode] = [Components.heading(t("secondFactor.title"))]
        if enabled {
            content.append(H.el("p", ["class": "govuk-body"], text: t("secondFactor.on")))
        } else if let secret, let uri {
            content += [
                H.el("p", ["class": "govuk-body"], text: required ? t("secondFactor.required") : t("secondFactor.explain")),
                Components.summaryList([
                    (t("secondFactor.key"), H.el("code", ["class": "wm-secret"], text: stride(from: 0, to: secret.count, by: 4).map {
                        let s = secret.index(secret.startIndex, offsetBy: $0)
                        return String(secret[s..<secret.index(s, offsetBy: min(4, secret.count - $0))])
                    }.joined(separator: " "))),
                    (t("secondFactor.link"), H.el("code", ["class": "wm-secret"], text: uri)),
                ]),
                H.el("form", ["method": "post", "action": SiteRoute.secondFactor.path, "novalidate": ""], [
                    Components.csrf(ctx.csrf),
                    Components.textInput(FieldState(name: "code", value: "", error: problem), label: t("field.code"), hint: t("hint.code"), t: t,
                                         width: "govuk-input govuk-input--width-10", autocomplete: "one-time-code", spellcheck: false, inputmode: "numeric"),
                    Components.button(t("secondFactor.turnOn")),
                ]),
            ]
        }
        return Layout.page(ctx, title: t("secondFactor.title"), problems: problem.map { [FormProblem(field: "code", message: $0)] } ?? [], content)
    }
}

enum SecondFactorControllers {
    static let pendingSeconds: Double = 5 * 60

    static func pendingStaff(_ req: Request) async throws -> Staff? {
        guard req.hasSession, let raw = req.session.data[SessionKeys.pending], let id = UUID(uuidString: raw),
              let at = req.session.data[SessionKeys.pendingAt].flatMap(Double.init),
              Date().timeIntervalSince1970 - at < pendingSeconds,
              let staff = try await req.store.staff(id), staff.active else { return nil }
        return staff
    }

    static func codeForm(_ req: Request) async throws -> Response {
        guard try await pendingStaff(req) != nil else { return req.redirect(to: SiteRoute.signIn.path) }
        return req.html(SecondFactorCodeModel(next: PageControllers.safeNext(req.queryValue("next"))).render(await req.pageContext()))
    }

    static func checkCode(_ req: Request, _ form: FormBody) async throws -> Response {
        guard let staff = try await pendingStaff(req) else { return req.redirect(to: SiteRoute.signIn.path) }
        let next = PageControllers.safeNext(form["next"])
        let failures = try await req.store.failedSignIns(email: staff.email, address: req.remoteAddress?.ipAddress ?? "",
                                                         since: Date().addingTimeInterval(-PageControllers.throttleWindow))
        if failures.account >= PageControllers.maxFailuresPerAccount {
            let model = SecondFactorCodeModel(next: next, problem: req.t("signIn.throttled", ["minutes": String(Int(PageControllers.throttleWindow / 60))]))
            return req.html(model.render(await req.pageContext()), status: .tooManyRequests)
        }
        if let secret = try await req.store.secondFactor(staffID: staff.id).flatMap(Base32.decode),
           TOTP.verify(form["code"] ?? "", secret: secret) {
            req.session.data[SessionKeys.pending] = nil
            return try await PageControllers.completeSignIn(req, staff, next: next)
        }
        try await req.store.record(AuditEntry(AuditActor(id: staff.id, label: staff.email), "signin.failed",
                                              detail: req.remoteAddress?.ipAddress ?? ""))
        let model = SecondFactorCodeModel(next: next, problem: req.t("secondFactor.wrongCode"))
        return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
    }

    static func setupForm(_ req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        if try await req.store.secondFactor(staffID: staff.id) != nil {
            return req.html(SecondFactorSetupModel(enabled: true, required: false).render(await req.pageContext()))
        }
        let secret = req.session.data[SessionKeys.enrolling] ?? Base32.encode(TOTP.newSecret())
        req.session.data[SessionKeys.enrolling] = secret
        let model = SecondFactorSetupModel(enabled: false, secret: secret, uri: TOTP.uri(secret: Base32.decode(secret) ?? [], account: staff.email),
                                           required: staff.role == .administrator)
        return req.html(model.render(await req.pageContext()))
    }

    static func setup(_ req: Request, _ form: FormBody) async throws -> Response {
        let staff = try req.requireStaff()
        guard let secret = req.session.data[SessionKeys.enrolling], let bytes = Base32.decode(secret) else {
            return req.redirect(to: SiteRoute.secondFactor.path)
        }
        guard TOTP.verify(form["code"] ?? "", secret: bytes) else {
            let model = SecondFactorSetupModel(enabled: false, secret: secret, uri: TOTP.uri(secret: bytes, account: staff.email),
                                               problem: req.t("secondFactor.wrongCode"), required: staff.role == .administrator)
            return req.html(model.render(await req.pageContext()), status: .unprocessableEntity)
        }
        try await req.store.setSecondFactor(staffID: staff.id, secret: secret, by: try req.actor())
        req.session.data[SessionKeys.enrolling] = nil
        return req.redirect(to: SiteRoute.secondFactor.path)
    }
}
