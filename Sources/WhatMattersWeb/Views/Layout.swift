import Foundation
import Plot
import WhatMattersCore

/// What the base layout needs from the request.
struct PageContext {
    let t: Localizer
    let staff: Staff?
    let csrf: String
    /// The path of this page, so that the language switch comes back here.
    let path: String
    /// The names of the signed-in member of staff's teams, for the navigation's links (a
    /// team missing here is linked as "Team").
    var teamNames: [UUID: String] = [:]
}

/// One problem on a form, shown in the summary at the top and beside the field.
struct FormProblem: Equatable {
    var field: String
    var message: String
}

/// The one base layout: head, skip link, header with navigation and language switch, error
/// summary, main landmark, footer. Every page is rendered through it.
enum Layout {
    static func page(_ ctx: PageContext, title: String, problems: [FormProblem] = [], notice: String? = nil,
                     back: (String, String)? = nil, printable: Bool = false, _ content: [BodyNode]) -> HTMLPage {
        let t = ctx.t
        let fullTitle = (problems.isEmpty ? "" : t("layout.errorPrefix") + " ") + title + " – " + t("app.name")
        let other: Locale2 = t.locale == .en ? .cy : .en
        let stylesheet = SiteRoute.asset("app.css").path
        let body = [
            H.el("a", ["href": "#main", "class": "govuk-skip-link"], text: t("layout.skip")),
            H.el("header", ["class": "wm-header", "role": "banner"], [
                H.el("div", ["class": "wm-width"], [
                    H.el("a", ["href": SiteRoute.home.path, "class": "wm-header__name"], text: t("app.name")),
                    H.el("span", ["class": "wm-header__tagline"], text: t("app.tagline")),
                    H.el("a", ["href": SiteRoute.language(other).path + "?back=" + queryValue(path: ctx.path),
                               "class": "wm-language", "lang": other.rawValue, "hreflang": other.rawValue],
                         text: t("layout.switchTo")),
                ]),
            ]),
            navigation(ctx),
            H.el("div", ["class": "wm-width"], [
                H.el("main", ["id": "main", "class": "govuk-main-wrapper", "tabindex": "-1"], [
                    // Inside main, so that every part of the page sits in a landmark.
                    back.map { H.el("a", ["href": $0.0, "class": "govuk-back-link"], text: $0.1) } ?? H.group([]),
                    problems.isEmpty ? H.group([]) : errorSummary(t, problems),
                    notice.map { H.el("div", ["class": "govuk-notification-banner", "role": "status"], [
                        H.el("p", ["class": "govuk-notification-banner__heading"], text: $0)]) } ?? H.group([]),
                ] + content),
            ]),
            H.el("footer", ["class": "wm-footer", "role": "contentinfo"], [
                H.el("div", ["class": "wm-width"], [H.el("p", [:], text: t("layout.footer"))]),
            ]),
        ]
        // While a request is answered, the document is written once into the response's
        // buffer, head and body parts copied straight in.
        if H.eager {
            return HTMLPage(lang: t.locale.rawValue, head: [
                H.void("meta", ["charset": "UTF-8"]),
                H.void("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                H.el("title", [:], text: fullTitle),
                H.void("link", ["rel": "stylesheet", "href": stylesheet]),
            ], bodyAttributes: ["class": "govuk-template__body"], body: body)
        }
        return HTMLPage(plot: HTML(
            .attribute(named: "lang", value: t.locale.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .raw("<title>\(Escape.text(fullTitle))</title>"),
                .link(.rel(.stylesheet), .href(stylesheet))
            ),
            .body(
                .class("govuk-template__body"),
                H.group(body).plot
            )
        ))
    }

    /// A path as a query string's value (the language switch's `back`, sign-in's `next`):
    /// percent-encoded but for letters and digits. Paths are ASCII, so that is done here byte
    /// by byte; Foundation's `addingPercentEncoding` (kept for any other path) was a visible
    /// share of each page.
    static func queryValue(path: String) -> String {
        let hex: StaticString = "0123456789ABCDEF"
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count * 2)
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                out.append(b)
            case 0x80...:
                return path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex.utf8Start[Int(b >> 4)])
                out.append(hex.utf8Start[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func navigation(_ ctx: PageContext) -> BodyNode {
        guard let staff = ctx.staff else { return H.group([]) }
        let t = ctx.t
        var links: [(SiteRoute, String)] = [(.caseload, t("nav.caseload")), (.people, t("nav.people"))]
        // Each team's link is named after it, so that staff in several teams can tell their
        // links apart (WCAG 2.4.4), in order of name.
        let teams = staff.teamIDs.map { (id: $0, name: ctx.teamNames[$0]) }.sorted { a, b in
            switch (a.name, b.name) {
            case let (x?, y?): return x.compare(y, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedAscending
            case (.some, nil): return true
            default: return false
            }
        }
        links += teams.prefix(3).map { (.team($0.id), $0.name ?? t("nav.team")) }
        if QualityControllers.mayAudit(staff.role) { links.append((.qualityAudit, t("nav.quality"))) }
        links.append((.secondFactor, t("nav.secondFactor")))
        links.append((.passwordChange, t("nav.password")))
        return H.el("nav", ["class": "wm-nav", "aria-label": t("nav.label")], [
            H.el("div", ["class": "wm-width wm-nav__inner"], [
                H.el("ul", ["class": "wm-nav__list"], links.map { route, label in
                    H.el("li", [:], [H.el("a", ["href": route.path,
                                                "aria-current": ctx.path == route.path ? "page" : nil], text: label)])
                }),
                H.el("p", ["class": "wm-nav__who"], text: t("nav.signedInAs", ["name": staff.name, "role": t.label(staff.role)])),
                H.el("form", ["method": "post", "action": SiteRoute.signOut.path, "class": "wm-nav__signout"], [
                    Components.csrf(ctx.csrf),
                    H.el("button", ["type": "submit", "class": "wm-link-button"], text: t("nav.signOut")),
                ]),
            ]),
        ])
    }

    static func errorSummary(_ t: Localizer, _ problems: [FormProblem]) -> BodyNode {
        H.el("div", ["class": "govuk-error-summary", "data-module": "govuk-error-summary"], [
            H.el("div", ["role": "alert"], [
                H.el("h2", ["class": "govuk-error-summary__title"], text: t("layout.problem")),
                H.el("div", ["class": "govuk-error-summary__body"], [
                    H.el("ul", ["class": "govuk-list govuk-error-summary__list"], problems.map { p in
                        H.el("li", [:], [H.el("a", ["href": "#\(p.field)"], text: p.message)])
                    }),
                ]),
            ]),
        ])
    }
}
