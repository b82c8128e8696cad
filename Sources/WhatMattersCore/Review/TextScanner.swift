import Foundation

/// One word of scanned text.
struct Token {
    var exact: Int32
    var prefix: Int32
    /// Byte offsets into the UTF-8 text.
    var start: Int32
    var end: Int32
    var sentence: Int32
    var clause: Int32
    var flags: UInt8

    static let capitalised: UInt8 = 1
    static let quoted: UInt8 = 2
    /// Capital then lower case (Connor, Mair), not an acronym (GCSE, OT).
    static let nameLike: UInt8 = 4
    static let unknown: UInt8 = 8
}

/// One sentence of scanned text: its tokens, its bytes, and the categories found in it.
struct Sentence {
    var firstToken: Int32
    var endToken: Int32
    var byteStart: Int32
    var byteEnd: Int32
    /// Categories of every word in the sentence.
    var mask: UInt64
    /// Categories of the words inside quotation marks.
    var quotedMask: UInt64
}

/// Splits text into sentences, clauses and words, folds each word (lower case, accents
/// removed: ŵ → w, â → a) and finds the lexicon's words and phrases, in one pass over the
/// UTF-8 bytes with no regular expressions and no allocation once warm. Reused from field
/// to field; not thread-safe (each review has its own).
final class TextScanner {
    // Checked once per scan, not per access: the scanner is never shared between threads.
    @exclusivity(unchecked) private(set) var tokens: [Token] = []
    @exclusivity(unchecked) private(set) var masks: [UInt64] = []
    @exclusivity(unchecked) private(set) var sentences: [Sentence] = []
    /// The text last scanned (token and sentence offsets are into its UTF-8).
    @exclusivity(unchecked) private(set) var text: String = ""

    // Readability counts, accumulated over every scan with `readability: true`.
    @exclusivity(unchecked) var readabilityWords = 0
    @exclusivity(unchecked) var readabilitySyllables = 0
    @exclusivity(unchecked) var readabilitySentences = 0

    init() {
        tokens.reserveCapacity(512); masks.reserveCapacity(512); sentences.reserveCapacity(64)
    }

    // MARK: - Byte classes

    enum ByteClass: UInt8 {
        case letter, space, newline, sentenceEnd, clause, quoteToggle, quoteOpen, quoteClose, apostrophe, other
    }

    /// Two-byte characters U+0080…U+017F (Latin-1 Supplement and Latin Extended-A): the
    /// ASCII letter each folds to (0 when it is not a letter), with 0x100 set for capitals.
    static let twoByteTable: [UInt16] = (0x80...0x17F).map { code -> UInt16 in
        let scalar = Unicode.Scalar(UInt32(code))!
        guard scalar.properties.isAlphabetic else { return 0 }
        let folded = String(Character(scalar)).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var letter: UInt8 = 0x80
        if let first = folded.utf8.first, first >= 0x61 && first <= 0x7A { letter = first }
        return UInt16(letter) | (scalar.properties.isUppercase ? 0x100 : 0)
    }

    /// For each ASCII byte: its class (bits 8…11), whether it is upper case (bit 12) and its
    /// folded letter (bits 0…7), so the common case needs one load.
    static let asciiTable: [UInt16] = (0..<128).map { b -> UInt16 in
        var byte = UInt8(b)
        let (cls, folded, _, upper) = withUnsafePointer(to: &byte) { classify($0, 0, 1) }
        return UInt16(folded) | UInt16(cls.rawValue) << 8 | (upper ? 0x1000 : 0)
    }

    /// Classifies the character at `i`: its class, its folded ASCII letter (or 0x80 for a
    /// letter that does not fold), its length in bytes and whether it is upper case.
    @inline(__always)
    static func classify(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (ByteClass, UInt8, Int, Bool) {
        let b = p[i]
        if b < 0x80 {
            switch b {
            case 0x61...0x7A, 0x30...0x39: return (.letter, b, 1, false)
            case 0x41...0x5A: return (.letter, b | 0x20, 1, true)
            case 0x20, 0x09, 0x0D: return (.space, 0, 1, false)
            case 0x0A: return (.newline, 0, 1, false)
            case 0x2E, 0x21, 0x3F: return (.sentenceEnd, 0, 1, false)
            case 0x2C, 0x3B, 0x3A, 0x28, 0x29, 0x5B, 0x5D: return (.clause, 0, 1, false)
            case 0x22: return (.quoteToggle, 0, 1, false)
            case 0x27, 0x60: return (.apostrophe, 0, 1, false)
            default: return (.other, 0, 1, false)
            }
        }
        if b >= 0xC2 && b <= 0xDF && i + 1 < n {
            let c = p[i + 1]
            if b == 0xC2 {
                if c == 0xA0 { return (.space, 0, 2, false) }
                if c == 0xAB { return (.quoteOpen, 0, 2, false) }
                if c == 0xBB { return (.quoteClose, 0, 2, false) }
            }
            let code = (Int(b & 0x1F) << 6) | Int(c & 0x3F)
            if code <= 0x17F {
                let entry = twoByteTable[code - 0x80]
                if entry == 0 { return (.other, 0, 2, false) }
                return (.letter, UInt8(entry & 0xFF), 2, entry & 0x100 != 0)
            }
            return (.letter, 0x80, 2, false)
        }
        if b >= 0xE0 && b <= 0xEF && i + 2 < n {
            let c = p[i + 1], d = p[i + 2]
            if b == 0xE2 && c == 0x80 {
                switch d {
                case 0x98, 0x99: return (.apostrophe, 0, 3, false)
                case 0x9C: return (.quoteOpen, 0, 3, false)
                case 0x9D: return (.quoteClose, 0, 3, false)
                case 0x93, 0x94, 0xA6: return (.clause, 0, 3, false)
                default: return (.other, 0, 3, false)
                }
            }
            if b == 0xE1 && c == 0xBA && d >= 0x80 && d <= 0x85 { return (.letter, 0x77, 3, d % 2 == 0) } // Ẁẁ Ẃẃ Ẅẅ
            if b == 0xE1 && c == 0xBB && (d == 0xB2 || d == 0xB3) { return (.letter, 0x79, 3, d == 0xB2) } // Ỳỳ
            return (.other, 0, 3, false)
        }
        if b >= 0xF0 && i + 3 < n { return (.other, 0, 4, false) }
        return (.other, 0, 1, false)
    }

    /// Folds text byte by byte for the lexicon compiler: each folded letter, and nil at each
    /// word break.
    static func foldBytes(_ bytes: [UInt8], _ emit: (UInt8?) -> Void) {
        bytes.withUnsafeBufferPointer { buf in
            guard let p = buf.baseAddress else { return }
            var i = 0
            while i < buf.count {
                let (cls, folded, len, _) = classify(p, i, buf.count)
                if cls == .letter { emit(folded) } else { emit(nil) }
                i += len
            }
        }
    }

    // MARK: - Scanning

    /// Scans `text`. With `match: false` only readability is counted (no tokens kept).
    func scan(_ text: String, lexicon: CompiledLexicon, welsh: Bool, match: Bool = true, readability: Bool = false) {
        // Work on local arrays (moved out of self, so they stay uniquely referenced and keep
        // their capacity) and move them back at the end.
        var tokens = self.tokens; self.tokens = []
        var masks = self.masks; self.masks = []
        var sentences = self.sentences; self.sentences = []
        tokens.removeAll(keepingCapacity: true)
        masks.removeAll(keepingCapacity: true)
        sentences.removeAll(keepingCapacity: true)
        var text = text
        defer {
            self.tokens = tokens; self.masks = masks; self.sentences = sentences; self.text = text
        }
        let n = text.utf8.count
        guard n > 0 else { return }

        let prefixLengths = lexicon.prefixLengths
        var rWords = 0, rSyllables = 0, rSentences = 0

        text.withUTF8 { buf in
            let p = buf.baseAddress!
            do {
                var i = 0
                var hash = CompiledLexicon.fnvOffset
                var prefix: Int32 = -1
                var wordLength = 0
                var tokenStart = -1
                var tokenFlags: UInt8 = 0
                var secondIsLower = false
                var inQuote = false
                var sentence: Int32 = -1
                var sentenceOpen = false
                var sentenceFirstToken: Int32 = 0
                var sentenceByteStart: Int32 = 0
                var sentenceByteEnd: Int32 = 0
                var clause: Int32 = 0
                // Readability state (whitespace-delimited words).
                var rwInWord = false, rwPrevVowel = false, rwSentenceHasWords = false
                var rwGroups = 0, rwLast: UInt8 = 0, rwSecondLast: UInt8 = 0

                TextScanner.asciiTable.withUnsafeBufferPointer { ascii in
                while i <= n {
                    var cls = ByteClass.newline, folded: UInt8 = 0, len = 1, upper = false
                    if i < n {
                        let b = p[i]
                        if b < 0x80 {
                            let e = ascii[Int(b)]
                            cls = unsafeBitCast(UInt8(truncatingIfNeeded: (e >> 8) & 0x0F), to: ByteClass.self)
                            folded = UInt8(truncatingIfNeeded: e)
                            upper = e & 0x1000 != 0
                        } else {
                            (cls, folded, len, upper) = TextScanner.classify(p, i, n)
                        }
                    }
                    if cls == .letter {
                        if tokenStart < 0 {
                            tokenStart = i
                            if upper { tokenFlags |= Token.capitalised }
                        } else if wordLength == 1 {
                            secondIsLower = !upper && folded >= 0x61 && folded <= 0x7A
                        }
                        if match {
                            hash = CompiledLexicon.step(hash, folded)
                            if wordLength < 63 && prefixLengths & (1 << UInt64(wordLength + 1)) != 0 {
                                let id = lexicon.find(hash ^ CompiledLexicon.prefixTag)
                                if id >= 0 { prefix = id }
                            }
                        }
                        wordLength += 1
                        if readability {
                            rwInWord = true; rwSentenceHasWords = true
                            let vowel = TextScanner.isVowel(folded, welsh: welsh)
                            if vowel && !rwPrevVowel { rwGroups += 1 }
                            rwPrevVowel = vowel
                            rwSecondLast = rwLast; rwLast = folded
                        }
                        i += len
                        continue
                    }
                    // End of a word.
                    if tokenStart >= 0 {
                        if match {
                            let exact = lexicon.find(hash)
                            var flags = tokenFlags
                            if inQuote { flags |= Token.quoted }
                            if flags & Token.capitalised != 0 && secondIsLower { flags |= Token.nameLike }
                            if exact < 0 && prefix < 0 { flags |= Token.unknown }
                            if !sentenceOpen {
                                sentence += 1; sentenceOpen = true
                                sentenceFirstToken = Int32(tokens.count)
                                sentenceByteStart = Int32(tokenStart)
                            }
                            sentenceByteEnd = Int32(i)
                            tokens.append(Token(exact: exact, prefix: prefix, start: Int32(tokenStart), end: Int32(i),
                                                sentence: sentence, clause: clause, flags: flags))
                            masks.append(0)
                        }
                        tokenStart = -1; wordLength = 0; tokenFlags = 0; secondIsLower = false
                        hash = CompiledLexicon.fnvOffset; prefix = -1
                    }
                    var endsSentence = false
                    var endsReadabilityWord = false
                    switch cls {
                    case .space:
                        endsReadabilityWord = true
                    case .newline:
                        endsReadabilityWord = true; endsSentence = true
                        inQuote = false
                    case .sentenceEnd:
                        // A full stop inside a number (2.5) does not end a sentence.
                        let nextIsLetter = i + 1 < n && TextScanner.classify(p, i + 1, n).0 == .letter
                        if !nextIsLetter {
                            endsReadabilityWord = true; endsSentence = true
                            sentenceByteEnd = Int32(i + 1)
                        }
                    case .clause:
                        clause += 1
                    case .quoteToggle:
                        inQuote.toggle(); clause += 1
                    case .quoteOpen:
                        inQuote = true; clause += 1
                    case .quoteClose:
                        inQuote = false; clause += 1
                    case .apostrophe, .other, .letter:
                        break
                    }
                    if readability && endsReadabilityWord && rwInWord {
                        var groups = rwGroups
                        if !welsh && groups > 1 && rwLast == 0x65 && rwSecondLast != 0x6C && !TextScanner.isVowel(rwSecondLast, welsh: false) {
                            groups -= 1
                        }
                        rWords += 1
                        rSyllables += max(1, groups)
                        rwInWord = false; rwPrevVowel = false; rwGroups = 0; rwLast = 0; rwSecondLast = 0
                    }
                    if endsSentence {
                        if sentenceOpen {
                            sentences.append(Sentence(firstToken: sentenceFirstToken, endToken: Int32(tokens.count),
                                                      byteStart: sentenceByteStart, byteEnd: sentenceByteEnd, mask: 0, quotedMask: 0))
                            sentenceOpen = false
                        }
                        if readability && rwSentenceHasWords { rSentences += 1 }
                        rwSentenceHasWords = false
                        clause += 1
                    }
                    i += len
                }
                }
            }
        }
        readabilityWords += rWords; readabilitySyllables += rSyllables; readabilitySentences += rSentences
        if match {
            self.tokens = tokens; self.masks = masks; self.sentences = sentences
            tokens = []; masks = []; sentences = []
            findPhrases(lexicon)
            tokens = self.tokens; masks = self.masks; sentences = self.sentences
            self.tokens = []; self.masks = []; self.sentences = []
        }
    }

    @inline(__always)
    static func isVowel(_ b: UInt8, welsh: Bool) -> Bool {
        switch b {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: return true // a e i o u y
        case 0x77: return welsh // w
        default: return false
        }
    }

    /// Marks every token covered by a lexicon phrase with the phrase's categories, and sums
    /// the categories of each sentence.
    private func findPhrases(_ lexicon: CompiledLexicon) {
        tokens.withUnsafeBufferPointer { tk in
            masks.withUnsafeMutableBufferPointer { mk in
                lexicon.phrases.withUnsafeBufferPointer { phrases in
                  lexicon.phraseWords.withUnsafeBufferPointer { words in
                    lexicon.phraseStart.withUnsafeBufferPointer { starts in
                        for s in 0..<sentences.count {
                            let first = Int(sentences[s].firstToken), end = Int(sentences[s].endToken)
                            var i = first
                            while i < end {
                                let t = tk[i]
                                var pass = 0
                                while pass < 2 {
                                    let id = pass == 0 ? t.exact : t.prefix
                                    pass += 1
                                    if id < 0 || (pass == 2 && id == t.exact) { continue }
                                    var k = Int(starts[Int(id)])
                                    let hi = Int(starts[Int(id) + 1])
                                    while k < hi {
                                        let phrase = phrases[k]
                                        let length = Int(phrase.restCount)
                                        if i + length < end {
                                            var ok = true
                                            var j = 0
                                            let base = Int(phrase.restStart)
                                            while j < length {
                                                let want = words[base + j]
                                                let u = tk[i + 1 + j]
                                                if want != CompiledLexicon.wildcard && want != u.exact && want != u.prefix { ok = false; break }
                                                j += 1
                                            }
                                            if ok {
                                                for m in i...(i + length) { mk[m] |= phrase.mask }
                                            }
                                        }
                                        k += 1
                                    }
                                }
                                i += 1
                            }
                            var mask: UInt64 = 0, quoted: UInt64 = 0
                            for m in first..<end {
                                mask |= mk[m]
                                if tk[m].flags & Token.quoted != 0 { quoted |= mk[m] }
                            }
                            sentences[s].mask = mask
                            sentences[s].quotedMask = quoted
                        }
                    }
                  }
                }
            }
        }
    }

    // MARK: - Reading results

    /// A short quotation of a sentence: see `Quotation.make`.
    func quote(of sentence: Sentence) -> String {
        text.withUTF8 { buf in
            Quotation.make(UnsafeBufferPointer(rebasing: buf[Int(sentence.byteStart)..<min(Int(sentence.byteEnd), buf.count)]))
        }
    }

    /// Every class in `classes` carried by a token before `index` in the same clause
    /// (skipping tokens in `skip`): "Her daughter and I agree" has both a relative and the
    /// practitioner as subjects.
    func subjectsBefore(_ index: Int, classes: UInt64, skip: UInt64) -> UInt64 {
        let clause = tokens[index].clause
        var found: UInt64 = 0
        var j = index - 1
        while j >= 0 && tokens[j].clause == clause {
            let m = masks[j]
            if m & skip == 0 { found |= m & classes }
            j -= 1
        }
        return found
    }

    /// The first token before `index` in the same clause whose mask has any of `classes`,
    /// skipping tokens in `skip`; returns its mask, or 0.
    func subjectBefore(_ index: Int, classes: UInt64, skip: UInt64) -> UInt64 {
        let clause = tokens[index].clause
        var j = index - 1
        while j >= 0 && tokens[j].clause == clause {
            let m = masks[j]
            if m & skip == 0 && m & classes != 0 { return m & classes }
            j -= 1
        }
        return 0
    }
}

/// Short quotations for reasons and prompts, made from UTF-8 bytes without Foundation.
enum Quotation {
    static let limit = 90

    /// The text trimmed of spaces, of a final full stop and of unbalanced quotation marks,
    /// and cut at a word to about 90 characters with "…".
    static func make(_ text: String) -> String {
        var text = text
        return text.withUTF8 { make($0) }
    }

    static func make(_ input: UnsafeBufferPointer<UInt8>) -> String {
        var lo = 0, hi = input.count
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        while lo < hi && isSpace(input[lo]) { lo += 1 }
        while hi > lo && isSpace(input[hi - 1]) { hi -= 1 }
        // Count quotation marks: ", “, ”, «, ».
        var quotes = 0
        var i = lo
        while i < hi {
            let b = input[i]
            if b == 0x22 { quotes += 1 }
            else if b == 0xE2 && i + 2 < hi && input[i + 1] == 0x80 && (input[i + 2] == 0x9C || input[i + 2] == 0x9D) { quotes += 1 }
            else if b == 0xC2 && i + 1 < hi && (input[i + 1] == 0xAB || input[i + 1] == 0xBB) { quotes += 1 }
            i += 1
        }
        // Build straight into the string's storage: one allocation.
        return String(unsafeUninitializedCapacity: hi - lo + 3) { out in
            var count = 0
            i = lo
            while i < hi {
                let b = input[i]
                if quotes % 2 == 1 {
                    if b == 0x22 { i += 1; continue }
                    if b == 0xE2 && i + 2 < hi && input[i + 1] == 0x80 && (input[i + 2] == 0x9C || input[i + 2] == 0x9D) { i += 3; continue }
                    if b == 0xC2 && i + 1 < hi && (input[i + 1] == 0xAB || input[i + 1] == 0xBB) { i += 2; continue }
                }
                out[count] = b; count += 1; i += 1
            }
            while count > 0 && isSpace(out[count - 1]) { count -= 1 }
            if count > 0 && out[count - 1] == 0x2E && (count < 2 || out[count - 2] != 0x2E) { count -= 1 }
            // Cut long text at a word.
            var scalars = 0
            var cut = -1
            var k = 0
            while k < count {
                if out[k] & 0xC0 != 0x80 {
                    scalars += 1
                    if scalars > limit { cut = k; break }
                }
                k += 1
            }
            if cut >= 0 {
                var end = cut
                var j = cut - 1
                while j > 0 { if out[j] == 0x20 { end = j; break }; j -= 1 }
                count = end
                while count > 0 && (out[count - 1] == 0x20 || out[count - 1] == 0x2C || out[count - 1] == 0x3B || out[count - 1] == 0x3A) { count -= 1 }
                out[count] = 0xE2; out[count + 1] = 0x80; out[count + 2] = 0xA6 // …
                count += 3
            }
            return count
        }
    }
}
