import Foundation
import Plot
import WhatMattersCore

extension PlanRemoveModel {
    /// "Remove this personal outcome", on the change page's link and the confirmation's button.
    static func removeLabel(_ section: PlanSection, _ t: Localizer) -> String {
        switch section {
        case .outcomes: return t("planRemove.remove.outcomes")
        case .strengths: return t("planRemove.remove.strengths")
        case .people: return t("planRemove.remove.people")
        case .worries: return t("planRemove.remove.worries")
        case .differences: return t("planRemove.remove.differences")
        case .actions: return t("planRemove.remove.actions")
        default: return ""
        }
    }

    func title(_ t: Localizer) -> String {
        if blocked { return t("planRemove.blocked.title") }
        switch section {
        case .outcomes: return t("planRemove.title.outcomes")
        case .strengths: return t("planRemove.title.strengths")
        case .people: return t("planRemove.title.people")
        case .worries: return t("planRemove.title.worries")
        case .differences: return t("planRemove.title.differences")
        case .actions: return t("planRemove.title.actions")
        default: return ""
        }
    }

    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let title = title(t)
        let problems = refused ? [FormProblem(field: "why", message: t("planRemove.blocked.refused"))] : []
        var content: [BodyNode] = [Components.heading(title, caption: person.details.name)]
        if let staleVersion {
            content.append(H.el("div", ["class": "wm-conflict", "id": "conflict"], [
                H.el("h2", ["class": "govuk-heading-m"], text: t("conflict.title")),
                H.el("p", ["class": "govuk-body"], text: t("planRemove.conflict", ["opened": String(staleVersion), "now": String(version)])),
            ]))
        }
        guard exists, let words else {
            // Someone else removed it first.
            content.append(H.el("p", ["class": "govuk-body"], text: t("planRemove.gone")))
            content.append(H.el("p", ["class": "govuk-body"], [PlanComponents.link(t("planForm.openSaved"), .plan(person.id, .page))]))
            return Layout.page(ctx, title: title, back: (SiteRoute.plan(person.id, .page).path + "#" + section.anchor, t("nav.back")), content)
        }
        if !blocked { content.append(H.el("p", ["class": "govuk-body"], text: t("planRemove.willRemove"))) }
        content.append(section == .people
                       ? H.el("p", ["class": "govuk-body govuk-!-font-weight-bold"], text: words)
                       : PlanComponents.words(words, language: plan.language))
        if blocked {
            content.append(H.el("div", ["id": "why"], [
                H.el("p", ["class": "govuk-body"], text: t("planRemove.blocked.why")),
                H.el("p", ["class": "govuk-body"], text: t("planRemove.blocked.counts", [
                    "scores": String(plan.scores(ofOutcome: itemID).count), "reviews": String(plan.reviews(ofOutcome: itemID).count)])),
                H.el("p", ["class": "govuk-body"], text: t("planRemove.blocked.instead", ["status": t.label(OutcomeStatus.noLongerWanted)])),
            ]))
            content.append(Components.linkButton(t("planRemove.blocked.change"), href: changeRoute.path))
            return Layout.page(ctx, title: title, problems: problems, back: (changeRoute.path, t("nav.back")), content)
        }
        content.append(H.el("p", ["class": "govuk-body"], [
            H.text(t("planRemove.earlierVersions") + " "),
            PlanComponents.link(t("plan.versions"), .plan(person.id, .versions)),
        ]))
        let (strengths, actions) = linked
        if !strengths.isEmpty || !actions.isEmpty {
            let remaining = Set(plan.outcomes.map(\.id)).subtracting([itemID])
            var groups: [BodyNode] = []
            if !strengths.isEmpty {
                groups.append(H.el("li", [:], [
                    H.text(strengths.count == 1 ? t("planRemove.linked.strengthsOne") : t("planRemove.linked.strengthsMany", ["count": String(strengths.count)])),
                    H.el("ul", ["class": "govuk-list govuk-list--bullet"], strengths.map { s in
                        H.el("li", [:], [PlanComponents.inline(SVGCharts.shorten(s.description, 120), language: plan.language)])
                    }),
                ]))
            }
            if !actions.isEmpty {
                groups.append(H.el("li", [:], [
                    H.text(actions.count == 1 ? t("planRemove.linked.actionsOne") : t("planRemove.linked.actionsMany", ["count": String(actions.count)])),
                    H.el("ul", ["class": "govuk-list govuk-list--bullet"], actions.map { a in
                        let leftWithNone = !(a.outcomeIDs ?? []).contains(where: remaining.contains)
                        return H.el("li", [:], [
                            PlanComponents.inline(SVGCharts.shorten(a.description, 120), language: plan.language),
                            leftWithNone ? H.group([H.text(" "), H.el("strong", ["class": "wm-tag wm-tag--warning"], text: t("planRemove.linked.noOutcomeLeft"))])
                                         : H.group([]),
                        ])
                    }),
                ]))
            }
            content.append(H.el("div", ["class": "govuk-inset-text", "id": "links"], [
                H.el("p", ["class": "govuk-body"], text: t("planRemove.linked.intro")),
                H.el("ul", ["class": "govuk-list"], groups),
                H.el("p", ["class": "govuk-body"], text: t("planRemove.linked.removed")),
            ]))
        }
        content.append(H.el("form", ["method": "post", "action": action.path, "novalidate": ""], [
            Components.csrf(ctx.csrf),
            Components.hidden("version", String(version)),
            H.el("div", ["class": "govuk-button-group"], [
                H.el("button", ["type": "submit", "class": "govuk-button govuk-button--warning", "data-module": "govuk-button"],
                     text: Self.removeLabel(section, t)),
                H.el("a", ["href": changeRoute.path, "class": "govuk-link wm-button-group__link"], text: t("planRemove.cancel")),
            ]),
        ]))
        return Layout.page(ctx, title: title, back: (changeRoute.path, t("nav.back")), content)
    }
}
