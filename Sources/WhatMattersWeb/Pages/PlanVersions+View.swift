import Foundation
import Plot
import WhatMattersCore

extension PlanVersionsModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        return Layout.page(ctx, title: t("plan.versions"), back: (SiteRoute.plan(person.id, .page).path, t("nav.back")), [
            Components.heading(t("plan.versions"), caption: person.details.name),
            H.el("p", ["class": "govuk-body"], text: t("versions.explain")),
            versions.isEmpty ? H.el("p", ["class": "govuk-body"], text: t("plan.none")) :
                Components.table(caption: t("versions.caption"), headers: [t("versions.version"), t("versions.saved"), t("versions.by"),
                                                                           t("plan.outcomes"), t("plan.people"), t("plan.agreement")],
                                 rows: versions.map { v in [
                                    H.el("a", ["href": SiteRoute.plan(person.id, .version(v.version)).path, "class": "govuk-link"],
                                         text: t("versions.open", ["version": String(v.version)])),
                                    H.text(t.dateTime(v.savedAt)),
                                    H.text(v.savedBy.flatMap { staffNames[$0] } ?? t("plan.someone")),
                                    H.text(String(v.outcomes)),
                                    H.text(String(v.importantPeople)),
                                    H.text(v.agreedOn.map { t.date($0) } ?? ""),
                                 ] }, numericColumns: [3, 4]),
        ])
    }
}
