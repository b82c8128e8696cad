import Foundation
import Plot
import WhatMattersCore

extension PeopleListModel {
    func render(_ ctx: PageContext) -> HTMLPage {
        let t = ctx.t
        let title: String
        let route: SiteRoute
        switch kind {
        case .caseload: title = t("caseload.title"); route = .caseload
        case .people: title = t("people.title"); route = .people
        case .search: title = t("search.title"); route = .people
        }
        let problems = queryError.map { [FormProblem(field: "query", message: $0)] } ?? []
        return Layout.page(ctx, title: title, problems: problems, [
            Components.heading(title),
            searchForm(ctx),
            Components.linkButton(t("people.add"), href: SiteRoute.personNew.path, secondary: true),
            people.isEmpty ? H.el("p", ["class": "govuk-body"], text: kind == .search ? t("search.none") : t("people.none")) :
                Components.table(caption: t("people.count", ["count": String(total)]),
                                 headers: [t("field.name"), t("field.dateOfBirth"), t("field.service"), t("field.teamID"), t("field.preferredLanguage")],
                                 rows: people.map { p in
                                     [H.el("a", ["href": SiteRoute.person(p.id).path, "class": "govuk-link"], text: p.details.name),
                                      H.text(p.details.dateOfBirth.map { t.date($0) } ?? ""),
                                      H.text(t.label(p.details.service)),
                                      H.text(teams[p.details.teamID]?.name ?? ""),
                                      H.text(t.label(p.details.preferredLanguage))]
                                 }),
            Components.pagination(t, page: page, pageCount: pageCount) { route.path + "?page=\($0)" },
        ])
    }

    /// Search by name or date of birth. The query is posted, so it never appears in a URL or a log.
    func searchForm(_ ctx: PageContext) -> BodyNode {
        let t = ctx.t
        return H.el("form", ["method": "post", "action": SiteRoute.peopleSearch.path, "class": "wm-search", "role": "search", "novalidate": ""], [
            Components.csrf(ctx.csrf),
            Components.textInput(FieldState(name: "query", value: query, error: queryError), label: t("search.label"),
                                 hint: t("search.hint"), t: t, type: "search", width: "govuk-input govuk-!-width-one-half",
                                 autocomplete: "off", spellcheck: false),
            Components.button(t("search.button"), secondary: true),
        ])
    }
}
