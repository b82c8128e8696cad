import Foundation
import Vapor
import WhatMattersCore
import WhatMattersStore

/// "Change your password": the current one, a new one as the password policy asks, and the
/// new one again. Passwords are never put back into the form.
struct PasswordChangeModel {
    var problems: [FormProblem] = []
    /// The password has just been changed: say so.
    var changed = false
    /// The change revoked API tokens of theirs: say that too.
    var tokensRevoked = false

    static let fields = ["currentPassword", "newPassword", "confirmPassword"]

    /// What is wrong with a change, in the order of the form. `currentIsRight` is nil when no
    /// current password was typed, so there was nothing to check.
    static func problems(current: String, new: String, confirm: String, currentIsRight: Bool?, staff: Staff, t: Localizer) -> [FormProblem] {
        var out: [FormProblem] = []
        if current.isEmpty { out.append(FormProblem(field: "currentPassword", message: t("password.currentRequired"))) }
        else if currentIsRight != true { out.append(FormProblem(field: "currentPassword", message: t("password.currentWrong"))) }
        if let problem = newPasswordProblem(new, current: current, currentIsRight: currentIsRight, staff: staff, t: t) {
            out.append(FormProblem(field: "newPassword", message: problem))
        }
        if confirm.isEmpty { out.append(FormProblem(field: "confirmPassword", message: t("password.confirmRequired"))) }
        else if !new.isEmpty && confirm != new { out.append(FormProblem(field: "confirmPassword", message: t("password.confirmDiffers"))) }
        return out
    }

    static func newPasswordProblem(_ new: String, current: String, currentIsRight: Bool?, staff: Staff, t: Localizer) -> String? {
        if new.isEmpty { return t("password.newRequired") }
        if let first = PasswordPolicy.problems(new, email: staff.email, name: staff.name).first {
            switch first {
            case .invalidCharacters: return t("password.invalidCharacters")
            case .tooLong: return t("password.tooLong", ["max": String(PasswordPolicy.maximumLength)])
            case .tooShort: return t("password.tooShort", ["min": String(PasswordPolicy.minimumLength)])
            case .common: return t("password.common")
            case .personal: return t("password.personal")
            }
        }
        if currentIsRight == true && new == current { return t("password.sameAsCurrent") }
        return nil
    }
}

/// The page's handlers: query → model → view.
enum PasswordChangeControllers {
    static func form(_ req: Request) async throws -> Response {
        _ = try req.requireStaff()
        let model = PasswordChangeModel(changed: req.queryValue("changed") == "1",
                                        tokensRevoked: req.queryValue("tokens") == "revoked")
        return req.html(model.render(await req.pageContext()))
    }

    static func change(_ req: Request, _ form: FormBody) async throws -> Response {
        let staff = try req.requireStaff()
        let t = req.t
        let current = form["currentPassword"] ?? "", new = form["newPassword"] ?? "", confirm = form["confirmPassword"] ?? ""
        // Guessing the current password here counts toward the same lock as signing in.
        let failures = try await req.store.failedSignIns(email: staff.email, address: req.remoteAddress?.ipAddress ?? "",
                                                         since: Date().addingTimeInterval(-PageControllers.throttleWindow))
        if failures.account >= PageControllers.maxFailuresPerAccount {
            let minutes = String(Int(PageControllers.throttleWindow / 60))
            let model = PasswordChangeModel(problems: [FormProblem(field: "currentPassword", message: t("password.throttled", ["minutes": minutes]))])
            return req.html(model.render(await req.pageContext()), status: .tooManyRequests)
        }
        var currentIsRight: Bool?
        if !current.isEmpty, let hash = try await req.store.passwordHash(staffID: staff.id) {
            currentIsRight = (try? await req.password.async.verify(current, created: hash)) == true
            if currentIsRight == false {
                try await req.store.record(AuditEntry(AuditActor(staff), "password.failed", detail: req.remoteAddress?.ipAddress ?? ""))
            }
        }
        let problems = PasswordChangeModel.problems(current: current, new: new, confirm: confirm, currentIsRight: currentIsRight, staff: staff, t: t)
        guard problems.isEmpty else {
            return req.html(PasswordChangeModel(problems: problems).render(await req.pageContext()), status: .unprocessableEntity)
        }
        let hash = try await req.password.async.hash(new)
        // Every session of this member of staff ends, this one too; it carries on under a new id.
        // Their API tokens are revoked with it.
        let ended = try await req.store.changePassword(staffID: staff.id, passwordHash: hash, keepingSession: nil, by: try req.actor())
        let data = req.session.data
        req.session.id = nil
        req.session.data = data
        req.session.data[SessionKeys.csrf] = Token.random()
        return req.redirect(to: SiteRoute.passwordChange.path + "?changed=1" + (ended.tokensRevoked > 0 ? "&tokens=revoked" : ""))
    }
}
