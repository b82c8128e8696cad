import Foundation
import NIOCore
import Plot

/// A piece of a page's body: what to write, kept as a small tree of the strings it is made
/// of. While a request is answered (`H.eager`) the whole page is written once, straight into
/// the response's buffer, each byte written (and escaped) once; otherwise (snapshots, written
/// indented) the tree is turned into Plot's nodes. Building each element's bytes as it was
/// made copied them again into every enclosing element, and that was most of rendering.
struct BodyNode {
    fileprivate enum Storage {
        case element(String, H.Attrs, [BodyNode])
        case textElement(String, H.Attrs, String)
        case void(String, H.Attrs)
        case text(String)
        case group([BodyNode])
        /// `H.paragraphs`: the text and the paragraphs' class.
        case paragraphs(String, String)
        /// `H.written`: HTML already written out, copied as it is.
        case written([UInt8])
    }
    fileprivate let storage: Storage

    /// As a Plot node, for Plot's document (the nodes Plot was always given for these).
    var plot: Node<HTML.BodyContext> {
        switch storage {
        case .element(let name, let attrs, let children):
            return .element(named: name, nodes: H.attributes(attrs) + children.map(\.plot))
        case .textElement(let name, let attrs, let text):
            return .element(named: name, nodes: H.attributes(attrs) + [.raw(Escape.text(text))])
        case .void(let name, let attrs):
            return .selfClosedElement(named: name, attributes: attrs.compactMap { k, v in
                v.map { Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false) }
            })
        case .text(let s): return .raw(Escape.text(s))
        case .group(let nodes): return .group(nodes.map(\.plot))
        case .paragraphs(let s, let cls): return H.paragraphNodes(s, class: cls)
        case .written(let bytes): return .raw(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// The HTML text, without indentation.
    func render() -> String { render(indentedBy: nil) }

    /// The HTML text: written as a request writes it (`H.eager`), or by Plot, indented as
    /// snapshots are written when asked.
    func render(indentedBy indentation: Indentation.Kind?) -> String {
        guard H.eager else { return plot.render(indentedBy: indentation) }
        return String(buffer: HTMLWriter.bytes(capacity: 4096) { write(into: &$0) })
    }

    /// Writes the HTML exactly as Plot writes it without indentation (`EagerRenderingTests`):
    /// attributes in order, a repeated name keeping its first place and its last value, an
    /// empty value as the bare name, `<br/>` for void elements.
    /// Each node in place, rather than a copy of each (and of all it holds) taken in turn.
    fileprivate static func write(_ nodes: [BodyNode], into out: inout HTMLWriter) {
        nodes.withUnsafeBufferPointer { nodes in
            for i in nodes.indices { nodes[i].write(into: &out) }
        }
    }

    fileprivate func write(into out: inout HTMLWriter) {
        switch storage {
        case .element(let name, let attrs, let children):
            H.openTag(name, attrs, into: &out)
            out.append(UInt8(ascii: ">"))
            BodyNode.write(children, into: &out)
            H.closeTag(name, into: &out)
        case .textElement(let name, let attrs, let text):
            H.openTag(name, attrs, into: &out)
            out.append(UInt8(ascii: ">"))
            Escape.write(text, into: &out, quotes: false)
            H.closeTag(name, into: &out)
        case .void(let name, let attrs):
            H.openTag(name, attrs, into: &out)
            out.append("/>")
        case .text(let s):
            Escape.write(s, into: &out, quotes: false)
        case .group(let nodes):
            BodyNode.write(nodes, into: &out)
        case .paragraphs(let s, let cls):
            H.writeParagraphs(s, class: cls, into: &out)
        case .written(let bytes):
            bytes.withUnsafeBufferPointer { out.append($0) }
        }
    }
}

/// A whole page. While a request is answered (`H.eager`) it is the document's parts, written
/// once into the buffer that is sent as the response's body; otherwise it is Plot's document
/// (snapshots are written from it, indented).
struct HTMLPage {
    private enum Storage { case parts(lang: String, head: [BodyNode], bodyAttributes: H.Attrs, body: [BodyNode]), plot(HTML) }
    private let storage: Storage

    init(plot: HTML) { storage = .plot(plot) }

    /// `<!DOCTYPE html><html lang="…"><head>…</head><body …>…</body></html>`, exactly as
    /// Plot writes a document (`EagerRenderingTests`), written when its bytes are asked for.
    init(lang: String, head: [BodyNode], bodyAttributes: H.Attrs, body: [BodyNode]) {
        storage = .parts(lang: lang, head: head, bodyAttributes: bodyAttributes, body: body)
    }

    func render() -> String { render(indentedBy: nil) }

    func render(indentedBy indentation: Indentation.Kind?) -> String {
        switch storage {
        case .parts: return String(buffer: bytes)
        case .plot(let document): return document.render(indentedBy: indentation)
        }
    }

    /// The bytes to send: the document written out, or Plot's rendered.
    var bytes: ByteBuffer {
        switch storage {
        case .parts(let lang, let head, let bodyAttrs, let body):
            return HTMLWriter.bytes(capacity: 32 * 1024) { html in
                html.append("<!DOCTYPE html><html lang=\"")
                var lang = lang
                lang.withUTF8 { html.append($0) }
                html.append("\"><head>")
                BodyNode.write(head, into: &html)
                html.append("</head>")
                H.openTag("body", bodyAttrs, into: &html)
                html.append(UInt8(ascii: ">"))
                BodyNode.write(body, into: &html)
                html.append("</body></html>")
            }
        case .plot(let document): return ByteBuffer(string: document.render())
        }
    }
}

/// Where a page is written: bytes grown as needed, copied once into the response's buffer.
/// Writing each piece straight into a ByteBuffer checked its capacity, its uniqueness and
/// exclusive access each time, more than half of writing a page.
struct HTMLWriter: HTMLBytes {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    private init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    /// What `write` writes, as bytes to keep.
    static func array(capacity: Int, _ write: (inout HTMLWriter) -> Void) -> [UInt8] {
        written(capacity: capacity, write) { Array($0) }
    }

    /// What `write` writes, as a buffer to send.
    static func bytes(capacity: Int, _ write: (inout HTMLWriter) -> Void) -> ByteBuffer {
        written(capacity: capacity, write) { bytes in
            var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            return buffer
        }
    }

    /// Writes, then hands the bytes written to `copy` before they are freed.
    private static func written<R>(capacity: Int, _ write: (inout HTMLWriter) -> Void, _ copy: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var writer = HTMLWriter(capacity: capacity)
        defer { writer.base.deallocate() }
        write(&writer)
        return copy(UnsafeBufferPointer(start: writer.base, count: writer.count))
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if count + n > capacity { grow(to: count + n) }
        (base + count).update(from: bytes.baseAddress!, count: n)
        count += n
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
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
    static func write<Out: HTMLBytes>(_ s: String, into out: inout Out, quotes: Bool, onlyIfEscaping: Bool = false) -> Bool {
        var s = s
        return s.withUTF8 { write($0, into: &out, quotes: quotes, onlyIfEscaping: onlyIfEscaping) }
    }

    @discardableResult
    static func write<Out: HTMLBytes>(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout Out, quotes: Bool,
                                      onlyIfEscaping: Bool = false) -> Bool {
        var runStart = 0
        var i = 0
        while i < bytes.count {
            // Eight bytes at a time while none of them needs escaping, as most text.
            if i + 8 <= bytes.count, !mayNeedEscaping(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self), quotes: quotes) {
                i += 8
                continue
            }
            let b = bytes[i]
            i += 1
            // Letters and most text are past ">", the last byte that may need escaping.
            if b > UInt8(ascii: ">") { continue }
            switch b {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"): break
            case UInt8(ascii: "\""), UInt8(ascii: "'"): guard quotes else { continue }
            default: continue
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<(i - 1)]))
            switch b {
            case UInt8(ascii: "&"): out.append("&amp;")
            case UInt8(ascii: "<"): out.append("&lt;")
            case UInt8(ascii: ">"): out.append("&gt;")
            case UInt8(ascii: "\""): out.append("&quot;")
            default: out.append("&#39;")
            }
            runStart = i
        }
        if runStart == 0 && onlyIfEscaping { return false }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        return runStart > 0
    }
}

extension Escape {
    /// Whether any of eight bytes is "&", "<", ">" (or, with `quotes`, a quote), each found
    /// as a zero byte of the word XORed with it.
    @inline(__always)
    fileprivate static func mayNeedEscaping(_ w: UInt64, quotes: Bool) -> Bool {
        @inline(__always) func has(_ c: UInt8) -> Bool {
            let x = w ^ (0x0101_0101_0101_0101 &* UInt64(c))
            return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
        }
        return has(UInt8(ascii: "&")) || has(UInt8(ascii: "<")) || has(UInt8(ascii: ">"))
            || (quotes && (has(UInt8(ascii: "\"")) || has(UInt8(ascii: "'"))))
    }
}

/// Where HTML is written: a page's writer, or bytes for one string.
protocol HTMLBytes {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
    mutating func append(_ byte: UInt8)
    mutating func append(_ s: StaticString)
}

extension Array: HTMLBytes where Element == UInt8 {
    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
    @inline(__always) mutating func append(_ s: StaticString) {
        append(UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }
}


/// A thin, escaping layer over Plot's nodes: `H.el("p", ["class": "x"], [H.text("…")])`.
enum H {
    typealias Attrs = KeyValuePairs<String, String?>

    /// Set while a request is answered (`RequestContextMiddleware`): the page is then written
    /// out by `BodyNode.write`, exactly as Plot writes it without indentation, straight into
    /// the response's buffer. Plot renders a tree of nested buffers, one object per element,
    /// copying every level into the one above: on a long page that was most of the time spent
    /// answering the request. Otherwise (pages rendered with indentation, as the snapshots
    /// are) the nodes are Plot's own. Read once per page (`Layout.page`), not per element.
    @TaskLocal static var eager = false

    static func el(_ name: String, _ attrs: Attrs = [:], _ children: [BodyNode] = []) -> BodyNode {
        BodyNode(storage: .element(name, attrs, children))
    }

    static func el(_ name: String, _ attrs: Attrs = [:], text: String) -> BodyNode {
        BodyNode(storage: .textElement(name, attrs, text))
    }

    static func void(_ name: String, _ attrs: Attrs = [:]) -> BodyNode {
        BodyNode(storage: .void(name, attrs))
    }

    static func text(_ s: String) -> BodyNode {
        BodyNode(storage: .text(s))
    }

    /// These nodes written out now, once, as they would be written in a page: a part of a
    /// page to keep and send again (`PlanContentCache`) without building it again.
    static func written(_ nodes: [BodyNode]) -> BodyNode {
        BodyNode(storage: .written(HTMLWriter.array(capacity: 32 * 1024) { BodyNode.write(nodes, into: &$0) }))
    }

    static func group(_ nodes: [BodyNode]) -> BodyNode {
        BodyNode(storage: .group(nodes))
    }

    static func attributes(_ attrs: Attrs) -> [Node<HTML.BodyContext>] {
        attrs.compactMap { k, v in
            v.map { .attribute(Attribute<HTML.BodyContext>(name: k, value: Escape.attribute($0), ignoreIfValueIsEmpty: false)) }
        }
    }

    /// Room for an element's tags and attributes (escaping may need a little more).
    static func tagCapacity(_ name: String, _ attrs: Attrs) -> Int {
        var n = 2 * name.utf8.count + 5
        for (k, v) in attrs { if let v { n += k.utf8.count + v.utf8.count + 4 } }
        return n
    }

    static func closeTag<Out: HTMLBytes>(_ name: String, into html: inout Out) {
        html.append(UInt8(ascii: "<"))
        html.append(UInt8(ascii: "/"))
        append(name, to: &html)
        html.append(UInt8(ascii: ">"))
    }

    /// A string's bytes in one copy: appending its `utf8` view goes through the generic
    /// sequence path, a visible share of writing tags.
    @inline(__always)
    private static func append<Out: HTMLBytes>(_ s: String, to html: inout Out) {
        var s = s
        s.withUTF8 { html.append($0) }
    }

    /// `<name a="v" b`, without the closing `>`: what Plot writes for these attributes.
    static func openTag<Out: HTMLBytes>(_ name: String, _ attrs: Attrs, into html: inout Out) {
        html.append(UInt8(ascii: "<"))
        append(name, to: &html)
        // Almost every element names each attribute once: those are written as they come.
        if attrs.count > 1 && repeatsAName(attrs) {
            for (k, v) in merged(attrs) { writeAttribute(k, v, into: &html) }
        } else {
            for (k, v) in attrs { if let v { writeAttribute(k, v, into: &html) } }
        }
    }

    @inline(__always)
    private static func writeAttribute<Out: HTMLBytes>(_ k: String, _ v: String, into html: inout Out) {
        html.append(UInt8(ascii: " "))
        append(k, to: &html)
        if !v.isEmpty {
            html.append(UInt8(ascii: "="))
            html.append(UInt8(ascii: "\""))
            Escape.write(v, into: &html, quotes: true)
            html.append(UInt8(ascii: "\""))
        }
    }

    /// One pass, a bit for each name's length and first and last bytes: only names that
    /// share a bit (rare: "x1" and "x2" do not) are compared in full.
    private static func repeatsAName(_ attrs: Attrs) -> Bool {
        var seen: UInt64 = 0
        for (k, v) in attrs where v != nil {
            let utf8 = k.utf8
            let mix = utf8.count &* 7 &+ Int(utf8.first ?? 0) &* 3 &+ Int(utf8.last ?? 0)
            let bit: UInt64 = 1 << UInt64(mix & 63)
            if seen & bit != 0 { return comparesARepeatedName(attrs) }
            seen |= bit
        }
        return false
    }

    private static func comparesARepeatedName(_ attrs: Attrs) -> Bool {
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

    /// Text with line breaks kept, as typed in a textarea: a `<p>` for each paragraph, a
    /// `<br/>` for each line break within one. Written straight out with the page rather than
    /// made into a node for each line.
    static func paragraphs(_ s: String, class cls: String = "govuk-body") -> BodyNode {
        BodyNode(storage: .paragraphs(s, cls))
    }

    /// The same paragraphs as Plot's nodes.
    static func paragraphNodes(_ s: String, class cls: String) -> Node<HTML.BodyContext> {
        var paragraphs: [Node<HTML.BodyContext>] = []
        forEachParagraph(s) { bytes, range in
            var nodes = attributes(["class": cls])
            var lineStart = range.lowerBound
            for j in range where bytes[j] == 0x0A {
                nodes.append(.raw(Escape.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<j]), as: UTF8.self))))
                nodes.append(.selfClosedElement(named: "br", attributes: []))
                lineStart = j + 1
            }
            nodes.append(.raw(Escape.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<range.upperBound]), as: UTF8.self))))
            paragraphs.append(.element(named: "p", nodes: nodes))
        }
        return .group(paragraphs)
    }

    /// Writes the paragraphs as Plot writes their nodes.
    static func writeParagraphs<Out: HTMLBytes>(_ s: String, class cls: String, into out: inout Out) {
        forEachParagraph(s) { bytes, range in
            openTag("p", ["class": cls], into: &out)
            out.append(UInt8(ascii: ">"))
            var lineStart = range.lowerBound
            for j in range where bytes[j] == 0x0A {
                Escape.write(UnsafeBufferPointer(rebasing: bytes[lineStart..<j]), into: &out, quotes: false)
                out.append("<br/>")
                lineStart = j + 1
            }
            Escape.write(UnsafeBufferPointer(rebasing: bytes[lineStart..<range.upperBound]), into: &out, quotes: false)
            out.append("</p>")
        }
    }

    /// Each paragraph of the text that is not blank, as a range of its UTF-8 bytes with line
    /// breaks as "\n". Paragraphs split at each "\n\n" and lines at each "\n", as
    /// Foundation's components(separatedBy:) would, but on the UTF-8 bytes: Foundation's
    /// version was a tenth of the time spent on a long plan page. Browsers send a textarea's
    /// line breaks as "\r\n": each is one break here, so paragraphs typed in a browser show
    /// as such.
    private static func forEachParagraph(_ s: String, _ paragraph: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        var s = s
        s.withUTF8 { utf8 in
            guard utf8.contains(0x0D) else { return forEachParagraph(inLines: utf8, paragraph) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            var afterCR = false
            for b in utf8 {
                if b == 0x0D { bytes.append(0x0A); afterCR = true; continue }
                if b == 0x0A && afterCR { afterCR = false; continue }
                afterCR = false
                bytes.append(b)
            }
            bytes.withUnsafeBufferPointer { forEachParagraph(inLines: $0, paragraph) }
        }
    }

    private static func forEachParagraph(inLines bytes: UnsafeBufferPointer<UInt8>,
                                         _ paragraph: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        var start = 0, i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A {
                if !isBlank(bytes[start..<i]) { paragraph(bytes, start..<i) }
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        if !isBlank(bytes[start..<bytes.count]) { paragraph(bytes, start..<bytes.count) }
    }

    /// Whether text is empty or only whitespace and newlines (as Foundation's
    /// `.whitespacesAndNewlines`), looking at bytes while they are ASCII.
    private static func isBlank(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        for k in bytes.indices {
            switch bytes[k] {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0x80...:
                let rest = String(decoding: UnsafeBufferPointer(rebasing: bytes[k...]), as: UTF8.self)
                return rest.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
            default: return false
            }
        }
        return true
    }
}
