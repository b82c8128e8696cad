import Foundation
import NIOCore
import Plot

/// A piece of a page's body. While a request is answered (`H.eager`) it is the finished
/// HTML as UTF-8 bytes, so a parent copies its children's bytes in without asking anything
/// to render; otherwise (snapshots, written with indentation) it is Plot's node.
struct BodyNode {
    fileprivate enum Storage { case html([UInt8]), plot(Node<HTML.BodyContext>) }
    fileprivate let storage: Storage

    /// As a Plot node, for the base layout's document.
    var plot: Node<HTML.BodyContext> {
        switch storage {
        case .html(let html): return .raw(String(decoding: html, as: UTF8.self))
        case .plot(let node): return node
        }
    }

    /// The HTML text, without indentation.
    func render() -> String { render(indentedBy: nil) }

    /// The HTML text; indented (as snapshots are written) when it is Plot's node.
    func render(indentedBy indentation: Indentation.Kind?) -> String {
        switch storage {
        case .html(let html): return String(decoding: html, as: UTF8.self)
        case .plot(let node): return node.render(indentedBy: indentation)
        }
    }

    fileprivate var byteCount: Int {
        if case .html(let h) = storage { return h.count }
        return 0
    }

    fileprivate func write(into out: inout [UInt8]) {
        switch storage {
        case .html(let h): out.append(contentsOf: h)
        case .plot(let node): out.append(contentsOf: node.render().utf8)
        }
    }

    fileprivate func write(into out: inout ByteBuffer) {
        switch storage {
        case .html(let h): out.writeBytes(h)
        case .plot(let node): out.writeString(node.render())
        }
    }
}

/// A whole page. While a request is answered (`H.eager`) it is the finished document,
/// written once into the buffer that is sent as the response's body; otherwise it is Plot's
/// document (snapshots are written from it, indented).
struct HTMLPage {
    private enum Storage { case html(ByteBuffer), plot(HTML) }
    private let storage: Storage

    init(plot: HTML) { storage = .plot(plot) }

    /// `<!DOCTYPE html><html lang="…"><head>…</head><body …>…</body></html>`, exactly as
    /// Plot writes a document (`EagerRenderingTests`), its parts copied straight in.
    init(lang: String, head: [BodyNode], bodyAttributes bodyAttrs: H.Attrs, body: [BodyNode]) {
        let start = "<!DOCTYPE html><html lang=\"\(lang)\"><head>", end = "</body></html>"
        var size = start.utf8.count + "</head>".utf8.count + H.tagCapacity("body", bodyAttrs) + end.utf8.count
        for node in head { size += node.byteCount }
        for node in body { size += node.byteCount }
        var html = ByteBufferAllocator().buffer(capacity: size)
        html.writeString(start)
        for node in head { node.write(into: &html) }
        html.writeString("</head>")
        var bodyTag: [UInt8] = []
        H.openTag("body", bodyAttrs, into: &bodyTag)
        bodyTag.append(UInt8(ascii: ">"))
        html.writeBytes(bodyTag)
        for node in body { node.write(into: &html) }
        html.writeString(end)
        storage = .html(html)
    }

    func render() -> String { render(indentedBy: nil) }

    func render(indentedBy indentation: Indentation.Kind?) -> String {
        switch storage {
        case .html(let html): return String(buffer: html)
        case .plot(let document): return document.render(indentedBy: indentation)
        }
    }

    /// The bytes to send: the finished document as it is, or Plot's rendered.
    var bytes: ByteBuffer {
        switch storage {
        case .html(let html): return html
        case .plot(let document): return ByteBuffer(string: document.render())
        }
    }
}

/// Escaping for everything a user may have typed. Plot leaves attribute values as they are
/// and keeps entity-like text such as "&amp;" unescaped, which would change what the user
/// sees from what they typed; so every text and attribute goes through here. This is the
/// only place that emits raw HTML.
enum Escape {
    static func text(_ s: String) -> String { escaped(s, quotes: false) }
    static func attribute(_ s: String) -> String { escaped(s, quotes: true) }

    /// Most text has nothing to escape: it is handed back as it is.
    private static func escaped(_ s: String, quotes: Bool) -> String {
        var out: [UInt8] = []
        guard write(s, into: &out, quotes: quotes, onlyIfEscaping: true) else { return s }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` to `out`, escaped; true when something needed escaping. With
    /// `onlyIfEscaping`, text with nothing to escape is not appended (the caller keeps it).
    @discardableResult
    static func write(_ s: String, into out: inout [UInt8], quotes: Bool, onlyIfEscaping: Bool = false) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            var runStart = 0
            for i in 0..<bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): break
                case UInt8(ascii: "\""), UInt8(ascii: "'"): guard quotes else { continue }
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                switch bytes[i] {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                default: out.append(contentsOf: "&#39;".utf8)
                }
                runStart = i + 1
            }
            if runStart == 0 && onlyIfEscaping { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            return runStart > 0
        }
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
        guard eager else { return BodyNode(storage: .plot(.element(named: name, nodes: attributes(attrs) + children.map(\.plot)))) }
        var inner = 0
        for child in children { inner += child.byteCount }
        var html: [UInt8] = []
        html.reserveCapacity(inner + tagCapacity(name, attrs))
        openTag(name, attrs, into: &html)
        html.append(UInt8(ascii: ">"))
        for child in children { child.write(into: &html) }
        closeTag(name, into: &html)
        return BodyNode(storage: .html(html))
    }

    static func el(_ name: String, _ attrs: Attrs = [:], text: String) -> BodyNode {
        guard eager else { return BodyNode(storage: .plot(.element(named: name, nodes: attributes(attrs) + [.raw(Escape.text(text))]))) }
        var html: [UInt8] = []
        html.reserveCapacity(text.utf8.count + tagCapacity(name, attrs))
        openTag(name, attrs, into: &html)
        html.append(UInt8(ascii: ">"))
        Escape.write(text, into: &html, quotes: false)
        closeTag(name, into: &html)
        return BodyNode(storage: .html(html))
    }

    static func void(_ name: String, _ attrs: Attrs = [:]) -> BodyNode {
        guard eager else {
            return BodyNode(storage: .plot(.selfClosedElement(named: name, attributes: attrs.compactMap { k, v in
                v.map { Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false) }
            })))
        }
        var html: [UInt8] = []
        html.reserveCapacity(tagCapacity(name, attrs))
        openTag(name, attrs, into: &html)
        html.append(contentsOf: "/>".utf8)
        return BodyNode(storage: .html(html))
    }

    static func text(_ s: String) -> BodyNode {
        guard eager else { return BodyNode(storage: .plot(.raw(Escape.text(s)))) }
        var html: [UInt8] = []
        html.reserveCapacity(s.utf8.count)
        Escape.write(s, into: &html, quotes: false)
        return BodyNode(storage: .html(html))
    }

    static func group(_ nodes: [BodyNode]) -> BodyNode {
        guard eager else { return BodyNode(storage: .plot(.group(nodes.map(\.plot)))) }
        if nodes.count == 1, case .html = nodes[0].storage { return nodes[0] }
        var size = 0
        for node in nodes { size += node.byteCount }
        var html: [UInt8] = []
        html.reserveCapacity(size)
        for node in nodes { node.write(into: &html) }
        return BodyNode(storage: .html(html))
    }

    static func attributes(_ attrs: Attrs) -> [Node<HTML.BodyContext>] {
        attrs.compactMap { k, v in
            v.map { .attribute(Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false)) }
        }
    }

    /// Room for an element's tags and attributes (escaping may need a little more).
    static func tagCapacity(_ name: String, _ attrs: Attrs) -> Int {
        var n = 2 * name.utf8.count + 6
        for (k, v) in attrs { if let v { n += k.utf8.count + v.utf8.count + 4 } }
        return n
    }

    private static func closeTag(_ name: String, into html: inout [UInt8]) {
        html.append(UInt8(ascii: "<"))
        html.append(UInt8(ascii: "/"))
        append(name, to: &html)
        html.append(UInt8(ascii: ">"))
    }

    /// A string's bytes in one copy: appending its `utf8` view goes through the generic
    /// sequence path, a visible share of writing tags.
    @inline(__always)
    private static func append(_ s: String, to html: inout [UInt8]) {
        var s = s
        s.withUTF8 { html.append(contentsOf: $0) }
    }

    /// `<name a="v" b`, without the closing `>`: what Plot writes for these attributes.
    static func openTag(_ name: String, _ attrs: Attrs, into html: inout [UInt8]) {
        html.append(UInt8(ascii: "<"))
        append(name, to: &html)
        func write(_ k: String, _ v: String) {
            html.append(UInt8(ascii: " "))
            append(k, to: &html)
            if !v.isEmpty {
                html.append(UInt8(ascii: "="))
                html.append(UInt8(ascii: "\""))
                Escape.write(v, into: &html, quotes: true)
                html.append(UInt8(ascii: "\""))
            }
        }
        // Almost every element names each attribute once: those are written as they come.
        if repeatsAName(attrs) {
            for (k, v) in merged(attrs) { write(k, v) }
        } else {
            for (k, v) in attrs { if let v { write(k, v) } }
        }
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
