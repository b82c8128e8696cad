import Foundation
import Plot
import WhatMattersCore

extension TeamPageModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let total = counts.total
        func share(_ n: Int) -> String { total == 0 ? "0%" : "\(Int((Double(n) * 100 / Double(total)).rounded()))%" }
        return Layout.page(ctx, title: team.name, [
            Components.heading(team.name, caption: t.label(team.service)),
            H.el("div", ["class": "wm-stats"], [
                stat(String(peopleCount), t("team.people")),
                stat(String(total), t("team.conversations")),
                stat(String(counts.resolvedWithoutAssessment), t("team.resolved")),
            ]),
            H.el("p", ["class": "govuk-body"], text: t("team.resolvedExplain")),
            Components.table(caption: t("team.byNext"), headers: [t("field.whatHappenedNext"), t("team.count"), t("team.share")],
                             rows: WhatHappenedNext.allCases.map { next in
                                 [H.text(t.label(next)), H.text(String(counts.count(next))), H.text(share(counts.count(next)))]
                             }, numericColumns: [1, 2]),
            notices.isEmpty ? H.group([]) : Components.table(
                caption: t("team.notices"), headers: [t("audit.when"), t("audit.what")],
                rows: notices.map { n in [H.text(t.dateTime(n.createdAt)), H.el("span", [:], [
                    H.text(t("team.notice.\(n.kind)") + " "), H.text(n.detail), H.text(" "),
                    n.personID.map { H.el("a", ["href": SiteRoute.person($0).path, "class": "govuk-link"], text: t("team.openRecord")) } ?? H.group([]),
                ])] }),
            Components.table(caption: t("team.staff"), headers: [t("field.name"), t("team.role")],
                             rows: staff.map { [H.text($0.name), H.text(t.label($0.role))] }),
        ])
    }

    private func stat(_ value: String, _ label: String) -> BodyNode {
        H.el("div", ["class": "wm-stat"], [
            H.el("span", ["class": "wm-stat__value"], text: value),
            H.el("span", ["class": "wm-stat__label"], text: label),
        ])
    }
}
