import Foundation
import Plot
import WhatMattersCore

/// A field on a form: its name, what the user typed, and any problem with it.
struct FieldState {
    var name: String
    var value: String
    var error: String?
}

/// Shared form and display components in the GOV.UK Design System's patterns. Accessibility
/// lives here: every field emits its label, its hint and its error, tied by `aria-describedby`.
enum Components {
    /// The form's CSRF token and a one-time token that makes a repeated post harmless.
    static func csrf(_ token: String) -> BodyNode {
        H.group([
            H.void("input", ["type": "hidden", "name": "_csrf", "value": token]),
            H.void("input", ["type": "hidden", "name": "_once", "value": fixedOnce ?? UUID().uuidString]),
        ])
    }

    /// Set by snapshot tests so that pages render the same every time.
    nonisolated(unsafe) static var fixedOnce: String?

    static func hidden(_ name: String, _ value: String) -> BodyNode {
        H.void("input", ["type": "hidden", "name": name, "value": value])
    }

    private static func describedBy(_ f: FieldState, hint: String?) -> String? {
        let ids = [hint != nil ? "\(f.name)-hint" : nil, f.error != nil ? "\(f.name)-error" : nil].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    private static func group(_ f: FieldState, _ nodes: [BodyNode]) -> BodyNode {
        H.el("div", ["class": f.error == nil ? "govuk-form-group" : "govuk-form-group govuk-form-group--error"], nodes)
    }

    private static func hintAndError(_ f: FieldState, hint: String?, t: Localizer) -> [BodyNode] {
        [
            hint.map { H.el("div", ["id": "\(f.name)-hint", "class": "govuk-hint"], text: $0) } ?? H.group([]),
            f.error.map { H.el("p", ["id": "\(f.name)-error", "class": "govuk-error-message"], [
                H.el("span", ["class": "govuk-visually-hidden"], text: t("layout.errorPrefix") + " "), H.text($0)]) } ?? H.group([]),
        ]
    }

    static func textInput(_ f: FieldState, label: String, hint: String? = nil, t: Localizer, type: String = "text",
                          width: String = "govuk-input", autocomplete: String? = nil, isPageHeading: Bool = false,
                          spellcheck: Bool? = nil, inputmode: String? = nil) -> BodyNode {
        group(f, [
            H.el("label", ["class": isPageHeading ? "govuk-label govuk-label--l" : "govuk-label", "for": f.name], text: label),
        ] + hintAndError(f, hint: hint, t: t) + [
            H.void("input", ["class": f.error == nil ? width : width + " govuk-input--error", "id": f.name, "name": f.name,
                             "type": type, "value": f.value, "aria-describedby": describedBy(f, hint: hint),
                             "autocomplete": autocomplete, "spellcheck": spellcheck.map { $0 ? "true" : "false" },
                             "inputmode": inputmode]),
        ])
    }

    static func textArea(_ f: FieldState, label: String, hint: String? = nil, t: Localizer, rows: Int = 5,
                         lang: String? = nil) -> BodyNode {
        group(f, [
            H.el("label", ["class": "govuk-label govuk-label--s", "for": f.name], text: label),
        ] + hintAndError(f, hint: hint, t: t) + [
            H.el("textarea", ["class": f.error == nil ? "govuk-textarea" : "govuk-textarea govuk-textarea--error",
                              "id": f.name, "name": f.name, "rows": String(rows), "lang": lang,
                              // A browser drops one newline straight after <textarea>: give it one to
                              // drop, so that text that starts with a newline keeps it.
                              "aria-describedby": describedBy(f, hint: hint)], text: "\n" + f.value),
        ])
    }

    /// Radios: one choice. The first radio carries the field's id so the error summary can link to it.
    static func radios(_ f: FieldState, legend: String, hint: String? = nil, options: [(String, String)], t: Localizer,
                       inline: Bool = false) -> BodyNode {
        group(f, [
            H.el("fieldset", ["class": "govuk-fieldset", "aria-describedby": describedBy(f, hint: hint)], [
                H.el("legend", ["class": "govuk-fieldset__legend govuk-fieldset__legend--s"], text: legend),
            ] + hintAndError(f, hint: hint, t: t) + [
                H.el("div", ["class": inline ? "govuk-radios govuk-radios--inline" : "govuk-radios"], options.enumerated().map { i, option in
                    let id = i == 0 ? f.name : "\(f.name)-\(i + 1)"
                    return H.el("div", ["class": "govuk-radios__item"], [
                        H.void("input", ["class": "govuk-radios__input", "id": id, "name": f.name, "type": "radio",
                                         "value": option.0, "checked": f.value == option.0 ? "" : nil]),
                        H.el("label", ["class": "govuk-label govuk-radios__label", "for": id], text: option.1),
                    ])
                }),
            ]),
        ])
    }

    static func checkboxes(name: String, selected: [String], error: String?, legend: String, hint: String? = nil,
                           options: [(String, String)], t: Localizer) -> BodyNode {
        let f = FieldState(name: name, value: "", error: error)
        return group(f, [
            H.el("fieldset", ["class": "govuk-fieldset", "aria-describedby": describedBy(f, hint: hint)], [
                H.el("legend", ["class": "govuk-fieldset__legend govuk-fieldset__legend--s"], text: legend),
            ] + hintAndError(f, hint: hint, t: t) + [
                H.el("div", ["class": "govuk-checkboxes govuk-checkboxes--small"], options.enumerated().map { i, option in
                    let id = i == 0 ? name : "\(name)-\(i + 1)"
                    return H.el("div", ["class": "govuk-checkboxes__item"], [
                        H.void("input", ["class": "govuk-checkboxes__input", "id": id, "name": name, "type": "checkbox",
                                         "value": option.0, "checked": selected.contains(option.0) ? "" : nil]),
                        H.el("label", ["class": "govuk-label govuk-checkboxes__label", "for": id], text: option.1),
                    ])
                }),
            ]),
        ])
    }

    static func select(_ f: FieldState, label: String, hint: String? = nil, options: [(String, String)], t: Localizer) -> BodyNode {
        group(f, [
            H.el("label", ["class": "govuk-label", "for": f.name], text: label),
        ] + hintAndError(f, hint: hint, t: t) + [
            H.el("select", ["class": f.error == nil ? "govuk-select" : "govuk-select govuk-select--error", "id": f.name,
                            "name": f.name, "aria-describedby": describedBy(f, hint: hint)], options.map { value, text in
                H.el("option", ["value": value, "selected": f.value == value ? "" : nil], text: text)
            }),
        ])
    }

    static func button(_ label: String, secondary: Bool = false) -> BodyNode {
        H.el("button", ["type": "submit", "class": secondary ? "govuk-button govuk-button--secondary" : "govuk-button",
                        "data-module": "govuk-button"], text: label)
    }

    static func linkButton(_ label: String, href: String, secondary: Bool = false) -> BodyNode {
        H.el("a", ["href": href, "role": "button", "draggable": "false",
                   "class": secondary ? "govuk-button govuk-button--secondary" : "govuk-button"], text: label)
    }

    static func heading(_ text: String, caption: String? = nil) -> BodyNode {
        H.el("h1", ["class": "govuk-heading-l"], [
            caption.map { H.el("span", ["class": "govuk-caption-l"], text: $0) } ?? H.group([]),
            H.text(text),
        ])
    }

    /// A summary list: key and value rows.
    static func summaryList(_ rows: [(String, BodyNode)]) -> BodyNode {
        H.el("dl", ["class": "govuk-summary-list"], rows.map { key, value in
            H.el("div", ["class": "govuk-summary-list__row"], [
                H.el("dt", ["class": "govuk-summary-list__key"], text: key),
                H.el("dd", ["class": "govuk-summary-list__value"], [value]),
            ])
        })
    }

    static func table(caption: String, headers: [String], rows: [[BodyNode]], numericColumns: Set<Int> = []) -> BodyNode {
        H.el("table", ["class": "govuk-table"], [
            H.el("caption", ["class": "govuk-table__caption govuk-table__caption--m"], text: caption),
            H.el("thead", ["class": "govuk-table__head"], [
                H.el("tr", ["class": "govuk-table__row"], headers.enumerated().map { i, h in
                    H.el("th", ["scope": "col", "class": numericColumns.contains(i) ? "govuk-table__header govuk-table__header--numeric" : "govuk-table__header"], text: h)
                }),
            ]),
            H.el("tbody", ["class": "govuk-table__body"], rows.map { tableRow($0, numericColumns: numericColumns) }),
        ])
    }

    private static func tableRow(_ row: [BodyNode], numericColumns: Set<Int>) -> BodyNode {
        var cells: [BodyNode] = []
        for (i, cell) in row.enumerated() {
            if i == 0 {
                cells.append(H.el("th", ["scope": "row", "class": "govuk-table__header"], [cell]))
            } else {
                let cls = numericColumns.contains(i) ? "govuk-table__cell govuk-table__cell--numeric" : "govuk-table__cell"
                cells.append(H.el("td", ["class": cls], [cell]))
            }
        }
        return H.el("tr", ["class": "govuk-table__row"], cells)
    }

    /// Previous / next links for a paged list.
    static func pagination(_ t: Localizer, page: Int, pageCount: Int, href: (Int) -> String) -> BodyNode {
        guard pageCount > 1 else { return H.group([]) }
        return H.el("nav", ["class": "govuk-pagination", "aria-label": t("pagination.label")], [
            page > 1 ? H.el("a", ["class": "govuk-pagination__prev", "href": href(page - 1), "rel": "prev"], text: t("pagination.previous")) : H.group([]),
            H.el("p", ["class": "govuk-body"], text: t("pagination.pageOf", ["page": String(page), "count": String(pageCount)])),
            page < pageCount ? H.el("a", ["class": "govuk-pagination__next", "href": href(page + 1), "rel": "next"], text: t("pagination.next")) : H.group([]),
        ])
    }

    /// Options for a vocabulary, labelled in the user's language.
    static func options<V: Vocabulary>(_ type: V.Type, _ t: Localizer) -> [(String, String)] {
        V.allCases.map { ($0.rawValue, t.label($0)) }
    }

    /// Text in the language it was written in, marked so screen readers pronounce it rightly.
    static func quoted(_ text: String, language: LanguageChoice) -> BodyNode {
        H.el("blockquote", ["class": "wm-quote", "lang": language == .other ? nil : language.rawValue], [H.paragraphs(text, class: "govuk-body")])
    }
}
