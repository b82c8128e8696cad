import Foundation

/// Name matching and ordering for Welsh and English names.
public enum NameSearch {
    /// The form of a name used for matching: lower case, accents removed (ŵ → w, â → a),
    /// apostrophes and hyphens as spaces, runs of space collapsed. "Siân ap Dafydd" and
    /// "sian ap dafydd" fold alike, so accents are optional in a query.
    public static func fold(_ text: String) -> String {
        let lowered = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var out = ""
        out.reserveCapacity(lowered.count)
        var lastSpace = true
        for ch in lowered {
            if ch.isLetter || ch.isNumber {
                out.append(ch); lastSpace = false
            } else if !lastSpace {
                out.append(" "); lastSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// The Welsh alphabet's digraphs, each one letter: "Llinos" sorts after every name in
    /// plain "L", and "Ng" after "G".
    static let digraphs = ["ch", "dd", "ff", "ng", "ll", "ph", "rh", "th"]
    static let alphabet = ["a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "l", "ll",
                           "m", "n", "o", "p", "ph", "r", "rh", "s", "t", "th", "u", "w", "y"]

    /// Splits folded text into Welsh letters (digraphs as one letter).
    public static func welshLetters(_ text: String) -> [String] {
        let chars = Array(fold(text))
        var letters: [String] = []
        var i = 0
        while i < chars.count {
            if i + 1 < chars.count {
                let pair = String(chars[i...i + 1])
                if digraphs.contains(pair) { letters.append(pair); i += 2; continue }
            }
            letters.append(String(chars[i])); i += 1
        }
        return letters
    }

    /// A sort key following the Welsh alphabet, so lists read as a Welsh speaker expects.
    public static func welshSortKey(_ text: String) -> [Int] {
        welshLetters(text).map { letter in
            if let i = alphabet.firstIndex(of: letter) { return 100 + i }
            if letter == " " { return 0 }
            // Letters outside the Welsh alphabet (k, q, v, x, z, digits) sort by code point after it.
            return 1000 + Int(letter.unicodeScalars.first!.value)
        }
    }

    /// True when every word of the query starts some word of the name (both folded).
    /// "dafy" finds "Siân ap Dafydd"; "Llew" finds "Llewelyn".
    public static func matches(query: String, name: String) -> Bool {
        let q = fold(query).split(separator: " ")
        let words = fold(name).split(separator: " ")
        guard !q.isEmpty else { return false }
        return q.allSatisfy { part in words.contains { $0.hasPrefix(part) } }
    }
}
