import Foundation
import Plot

/// Plot nodes in the body of a page.
typealias BodyNode = Node<HTML.BodyContext>

/// Escaping for everything a user may have typed. Plot leaves attribute values as they are
/// and keeps entity-like text such as "&amp;" unescaped, which would change what the user
/// sees from what they typed; so every text and attribute goes through here. This is the
/// only place that emits raw HTML.
enum Escape {
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func attribute(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// A thin, escaping layer over Plot's nodes: `H.el("p", ["class": "x"], [H.text("…")])`.
enum H {
    typealias Attrs = KeyValuePairs<String, String?>

    static func el(_ name: String, _ attrs: Attrs = [:], _ children: [BodyNode] = []) -> BodyNode {
        .element(named: name, nodes: attributes(attrs) + children)
    }

    static func el(_ name: String, _ attrs: Attrs = [:], text: String) -> BodyNode {
        .element(named: name, nodes: attributes(attrs) + [H.text(text)])
    }

    static func void(_ name: String, _ attrs: Attrs = [:]) -> BodyNode {
        .selfClosedElement(named: name, attributes: attrs.compactMap { k, v in
            v.map { Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false) }
        })
    }

    static func text(_ s: String) -> BodyNode { .raw(Escape.text(s)) }

    static func group(_ nodes: [BodyNode]) -> BodyNode { .group(nodes) }

    static func attributes(_ attrs: Attrs) -> [BodyNode] {
        attrs.compactMap { k, v in
            v.map { .attribute(Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false)) }
        }
    }

    /// Text with line breaks kept, as typed in a textarea.
    static func paragraphs(_ s: String, class cls: String = "govuk-body") -> BodyNode {
        let parts = s.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        return .group(parts.map { part in
            let lines = part.components(separatedBy: "\n")
            var nodes: [BodyNode] = []
            for (i, line) in lines.enumerated() {
                if i > 0 { nodes.append(void("br")) }
                nodes.append(text(line))
            }
            return el("p", ["class": cls], nodes)
        })
    }
}
