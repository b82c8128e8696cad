import Foundation
import Plot
import WhatMattersCore

extension PasswordChangeModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        func error(_ f: String) -> String? { problems.first { $0.field == f }?.message }
        // Passwords are never written back into the page: every field starts empty.
        func password(_ name: String, hint: String, autocomplete: String) -> BodyNode {
            Components.textInput(FieldState(name: name, value: "", error: error(name)), label: t("field.\(name)"), hint: hint, t: t,
                                 type: "password", width: "govuk-input govuk-!-width-one-half", autocomplete: autocomplete, spellcheck: false)
        }
        return Layout.page(ctx, title: t("password.title"), problems: problems, notice: changed ? t(tokensRevoked ? "password.changedTokensRevoked" : "password.changed") : nil, [
            Components.heading(t("password.title")),
            H.el("p", ["class": "govuk-body"], text: t("password.lead")),
            H.el("form", ["method": "post", "action": SiteRoute.passwordChange.path, "novalidate": ""], [
                Components.csrf(ctx.csrf),
                password("currentPassword", hint: t("hint.currentPassword"), autocomplete: "current-password"),
                password("newPassword", hint: t("hint.newPassword", ["min": String(PasswordPolicy.minimumLength)]), autocomplete: "new-password"),
                password("confirmPassword", hint: t("hint.confirmPassword"), autocomplete: "new-password"),
                Components.button(t("password.button")),
            ]),
        ])
    }
}
