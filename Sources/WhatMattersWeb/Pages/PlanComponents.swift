import Foundation
import Plot
import WhatMattersCore

/// Pieces of the plan shared by the plan page, its forms and the printed plan.
enum PlanComponents {
    /// The person's words, verbatim, marked with the language they are written in.
    static func words(_ text: String, language: Locale2) -> BodyNode {
        H.el("blockquote", ["class": "wm-quote", "lang": language.rawValue], [H.paragraphs(text, class: "govuk-body")])
    }

    /// Text in the record's language, inline.
    static func inline(_ text: String, language: Locale2) -> BodyNode {
        H.el("span", ["lang": language.rawValue], text: text)
    }

    static func paragraphs(_ text: String, language: Locale2) -> BodyNode {
        H.el("div", ["lang": language.rawValue], [H.paragraphs(text)])
    }

    static func link(_ label: String, _ route: SiteRoute, hidden: String? = nil) -> BodyNode {
        H.el("a", ["href": route.path, "class": "govuk-link"], [
            H.text(label),
            hidden.map { H.el("span", ["class": "govuk-visually-hidden"], text: " " + $0) } ?? H.group([]),
        ])
    }

    /// The outcomes an item serves, by number and words: "1. To get back to chapel…".
    static func outcomeList(_ ids: [String], plan: CarePlan, t: Localizer) -> BodyNode {
        guard !ids.isEmpty else { return H.el("strong", ["class": "wm-tag wm-tag--warning"], text: t("plan.noOutcomeLinked")) }
        return H.el("ul", ["class": "govuk-list"], ids.map { id in
            if let i = plan.outcomes.firstIndex(where: { $0.id == id }) {
                return H.el("li", [:], [H.text("\(i + 1). "), inline(SVGCharts.shorten(plan.outcomes[i].statement, 80), language: plan.language)])
            }
            return H.el("li", [:], text: t("plan.unknownOutcome", ["id": id]))
        })
    }

    static func money(_ pence: Int?) -> String {
        guard let pence else { return "" }
        return "£" + PlanValidation.formatPence(pence)
    }

    /// "Stop and think" prompts, in an inset beside the field or item they concern.
    static func prompts(_ prompts: [PracticeReview.Prompt], t: Localizer) -> BodyNode {
        guard !prompts.isEmpty else { return H.group([]) }
        return H.el("div", ["class": "wm-prompt", "role": "note"], [
            H.el("p", ["class": "govuk-body-s wm-prompt__title"], text: t("plan.review.prompt")),
            H.el("ul", ["class": "govuk-list govuk-body-s"], prompts.map { H.el("li", [:], text: $0.text) }),
        ])
    }

    /// A review's prompts, each with the item (or top-level member) it concerns, worked out
    /// once per page: asked again for every section and item, it was a fortieth of a plan page.
    struct ConcernedPrompts {
        private let entries: [(member: String, itemID: String?, prompt: PracticeReview.Prompt)]

        init(plan: CarePlan, review: PracticeReview?) {
            entries = (review?.prompts ?? []).map { p in
                let concerned = plan.itemConcerned(by: p.field)
                return (concerned.member, concerned.itemID, p)
            }
        }

        /// The prompts that concern one item (or one top-level member when `itemID` is nil), in
        /// the review's order.
        func callAsFunction(_ member: String, itemID: String? = nil) -> [PracticeReview.Prompt] {
            entries.compactMap { $0.member == member && $0.itemID == itemID ? $0.prompt : nil }
        }
    }

    /// Verdict tags: met, partly, not met, in words and never colour alone.
    static func verdictTag(_ v: ReviewVerdict, t: Localizer) -> BodyNode {
        H.el("strong", ["class": "wm-tag wm-tag--\(v.rawValue)"], text: t.label(v))
    }
}
