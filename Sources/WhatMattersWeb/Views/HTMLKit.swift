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
        // Most text has nothing to escape: hand it back as it is.
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }) else { return s }
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
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                                       || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return s }
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

    /// Set while a request is answered (`RequestContextMiddleware`): each element is then
    /// written out as text when it is made, exactly as Plot writes it without indentation
    /// (attributes in order, a repeated name keeping its first place and its last value, an
    /// empty value as the bare name, `<br/>` for void elements). Plot renders a tree of
    /// nested buffers, one object per element, copying every level into the one above: on a
    /// long page that was most of the time spent answering the request. Otherwise (pages
    /// rendered with indentation, as the snapshots are) the nodes are Plot's own.
    @TaskLocal static var eager = false

    static func el(_ name: String, _ attrs: Attrs = [:], _ children: [BodyNode] = []) -> BodyNode {
        guard eager else { return .element(named: name, nodes: attributes(attrs) + children) }
        var html = openingTag(name, attrs)
        html += ">"
        for child in children { html += child.render() }
        html += "</"
        html += name
        html += ">"
        return .raw(html)
    }

    static func el(_ name: String, _ attrs: Attrs = [:], text: String) -> BodyNode {
        guard eager else { return .element(named: name, nodes: attributes(attrs) + [H.text(text)]) }
        var html = openingTag(name, attrs)
        html += ">"
        html += Escape.text(text)
        html += "</"
        html += name
        html += ">"
        return .raw(html)
    }

    static func void(_ name: String, _ attrs: Attrs = [:]) -> BodyNode {
        guard eager else {
            return .selfClosedElement(named: name, attributes: attrs.compactMap { k, v in
                v.map { Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false) }
            })
        }
        return .raw(openingTag(name, attrs) + "/>")
    }

    static func text(_ s: String) -> BodyNode { .raw(Escape.text(s)) }

    static func group(_ nodes: [BodyNode]) -> BodyNode {
        guard eager else { return .group(nodes) }
        var html = ""
        for node in nodes { html += node.render() }
        return .raw(html)
    }

    static func attributes(_ attrs: Attrs) -> [BodyNode] {
        attrs.compactMap { k, v in
            v.map { .attribute(Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false)) }
        }
    }

    /// `<name a="v" b`, without the closing `>`: what Plot writes for these attributes.
    static func openingTag(_ name: String, _ attrs: Attrs) -> String {
        var html = "<"
        html += name
        func write(_ k: String, _ v: String) {
            html += " "
            html += k
            if !v.isEmpty {
                html += "=\""
                html += Escape.attribute(v)
                html += "\""
            }
        }
        // Almost every element names each attribute once: those are written as they come.
        if repeatsAName(attrs) {
            for (k, v) in merged(attrs) { write(k, v) }
        } else {
            for (k, v) in attrs { if let v { write(k, v) } }
        }
        return html
    }

    private static func repeatsAName(_ attrs: Attrs) -> Bool {
        guard attrs.count > 1 else { return false }
        for i in attrs.indices where attrs[i].value != nil {
            for j in attrs.indices where j > i && attrs[j].value != nil && attrs[j].key == attrs[i].key { return true }
        }
        return false
    }

    /// A repeated name keeps its first place and its last value, as Plot writes it.
    private static func merged(_ attrs: Attrs) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (k, v) in attrs {
            guard let v else { continue }
            if let i = pairs.firstIndex(where: { $0.0 == k }) { pairs[i].1 = v } else { pairs.append((k, v)) }
        }
        return pairs
    }

    /// Text with line breaks kept, as typed in a textarea.
    static func paragraphs(_ s: String, class cls: String = "govuk-body") -> BodyNode {
        // Paragraphs split at each "\n\n" and lines at each "\n", as Foundation's
        // components(separatedBy:) would, but on the UTF-8 bytes: Foundation's version was a
        // tenth of the time spent on a long plan page. Browsers send a textarea's line breaks
        // as "\r\n": each is one break here, so paragraphs typed in a browser show as such.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var afterCR = false
        for b in s.utf8 {
            if b == 0x0D { bytes.append(0x0A); afterCR = true; continue }
            if b == 0x0A && afterCR { afterCR = false; continue }
            afterCR = false
            bytes.append(b)
        }
        var paragraphs: [BodyNode] = []
        var start = 0, i = 0
        func paragraph(_ range: Range<Int>) {
            guard !isBlank(bytes[range]) else { return }
            var nodes: [BodyNode] = []
            var lineStart = range.lowerBound
            for j in range where bytes[j] == 0x0A {
                nodes.append(text(String(decoding: bytes[lineStart..<j], as: UTF8.self)))
                nodes.append(void("br"))
                lineStart = j + 1
            }
            nodes.append(text(String(decoding: bytes[lineStart..<range.upperBound], as: UTF8.self)))
            paragraphs.append(el("p", ["class": cls], nodes))
        }
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A {
                paragraph(start..<i)
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        paragraph(start..<bytes.count)
        return H.group(paragraphs)
    }

    /// Whether text is empty or only whitespace and newlines (as Foundation's
    /// `.whitespacesAndNewlines`), looking at bytes while they are ASCII.
    private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        for (k, b) in zip(bytes.indices, bytes) {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0x80...:
                let rest = String(decoding: bytes[k...], as: UTF8.self)
                return rest.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
            default: return false
            }
        }
        return true
    }
}
