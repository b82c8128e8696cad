import Foundation
import Plot
import WhatMattersCore

/// The page for anything that went wrong, in the user's language.
struct ErrorPageModel {
    var title: String
    var detail: String

    func render(_ ctx: PageContext) -> HTMLPage {
        Layout.page(ctx, title: title, [
            Components.heading(title),
            H.el("p", ["class": "govuk-body"], text: detail),
            H.el("p", ["class": "govuk-body"], [H.el("a", ["href": SiteRoute.home.path, "class": "govuk-link"], text: ctx.t("error.home"))]),
        ])
    }
}
