import Foundation
import Plot
import WhatMattersCore

extension SignInModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let emailError = problems.first { $0.field == "email" }?.message
        let passwordError = problems.first { $0.field == "password" }?.message
        return Layout.page(ctx, title: t("signIn.title"), problems: problems,
                           notice: kept ? t("signIn.kept") : signedOut ? t("signIn.signedOut") : nil, [
            Components.heading(t("signIn.title")),
            H.el("p", ["class": "govuk-body"], text: t("signIn.lead")),
            H.el("form", ["method": "post", "action": SiteRoute.signIn.path, "novalidate": ""], [
                Components.csrf(ctx.csrf),
                next.map { Components.hidden("next", $0) } ?? H.group([]),
                Components.textInput(FieldState(name: "email", value: email, error: emailError), label: t("signIn.email"),
                                     t: t, type: "email", width: "govuk-input govuk-!-width-two-thirds",
                                     autocomplete: "username", spellcheck: false),
                Components.textInput(FieldState(name: "password", value: "", error: passwordError), label: t("signIn.password"),
                                     t: t, type: "password", width: "govuk-input govuk-!-width-two-thirds",
                                     autocomplete: "current-password"),
                Components.button(t("signIn.button")),
            ]),
        ])
    }
}
