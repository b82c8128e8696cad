import Foundation

extension PracticeReview {
    /// The language knowledge of the practice review, compiled for speed: for each language,
    /// lists of words and phrases (deficit phrasing, task and service phrasing, first-person
    /// and reported perspective, strengths, the themes of each national well-being aspect…).
    ///
    /// The lists live in data files, `Resources/review/en.json` and `cy.json`, described in
    /// `Resources/review/README.md`. An authority extends or corrects them without a release
    /// by putting files of the same shape in a folder and loading it with
    /// `Lexicon.load(extending:)`. A lexicon is immutable and safe to share between threads.
    public final class Lexicon: @unchecked Sendable {
        let en: CompiledLexicon
        let cy: CompiledLexicon

        /// The lexicons shipped with WhatMatters.
        public static let bundled: Lexicon = {
            do { return try Lexicon(sources: []) } catch {
                fatalError("The bundled practice review lexicons (Resources/review/*.json) could not be read: \(error)")
            }
        }()

        /// The bundled lexicons, extended by the files in `directory` (if given): every
        /// `*.json` file there whose `language` is `en` or `cy` adds to (or, with `remove`,
        /// takes from) that language's lists, in file-name order.
        public static func load(extending directory: URL?) throws -> Lexicon {
            guard let directory else { return bundled }
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasSuffix(".json") }.sorted()
            var sources: [LexiconSource] = []
            for name in names {
                let url = directory.appendingPathComponent(name)
                do { sources.append(try LexiconSource(data: Data(contentsOf: url))) } catch {
                    throw LexiconError.invalidFile(name, "\(error)")
                }
            }
            return try Lexicon(sources: sources)
        }

        /// The bundled lexicons extended by `sources`, applied in order.
        public init(sources: [LexiconSource]) throws {
            var en = try LexiconSource.bundled("en")
            var cy = try LexiconSource.bundled("cy")
            for source in sources {
                switch source.language {
                case "en": en.merge(source)
                case "cy": cy.merge(source)
                default: throw LexiconError.unknownLanguage(source.language)
                }
            }
            self.en = try CompiledLexicon(en)
            self.cy = try CompiledLexicon(cy)
        }

        func compiled(for language: Locale2) -> CompiledLexicon { language == .cy ? cy : en }
    }

    public enum LexiconError: Error, CustomStringConvertible, Equatable {
        case missingResource(String)
        case invalidFile(String, String)
        case unknownLanguage(String)
        case unknownList(String)
        case badEntry(String, String)
        public var description: String {
            switch self {
            case let .missingResource(name): return "the bundled lexicon \(name) is missing"
            case let .invalidFile(name, why): return "\(name): \(why)"
            case let .unknownLanguage(code): return "unknown lexicon language \"\(code)\" (expected en or cy)"
            case let .unknownList(name): return "unknown lexicon list \"\(name)\""
            case let .badEntry(list, entry): return "list \(list): bad entry \"\(entry)\""
            }
        }
    }

    /// One lexicon file as written: a language code, lists of entries by list name and
    /// theme entries by national outcome code, plus entries to remove.
    public struct LexiconSource: Decodable, Sendable {
        public var language: String
        public var lists: [String: [String]]
        public var themes: [String: [String]]
        public var remove: [String: [String]]

        enum CodingKeys: String, CodingKey { case language, lists, themes, remove }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            language = try c.decode(String.self, forKey: .language)
            lists = try c.decodeIfPresent([String: [String]].self, forKey: .lists) ?? [:]
            themes = try c.decodeIfPresent([String: [String]].self, forKey: .themes) ?? [:]
            remove = try c.decodeIfPresent([String: [String]].self, forKey: .remove) ?? [:]
        }

        public init(data: Data) throws {
            self = try JSONDecoder().decode(LexiconSource.self, from: data)
            for name in lists.keys where LexiconList(rawValue: name) == nil { throw LexiconError.unknownList(name) }
            for code in themes.keys where NationalOutcome(rawValue: code) == nil { throw LexiconError.unknownList("themes." + code) }
            for name in remove.keys where LexiconList(rawValue: name) == nil && NationalOutcome(rawValue: name) == nil {
                throw LexiconError.unknownList(name)
            }
        }

        static func bundled(_ language: String) throws -> LexiconSource {
            guard let url = Bundle.module.url(forResource: language, withExtension: "json", subdirectory: "Resources/review") else {
                throw LexiconError.missingResource("Resources/review/\(language).json")
            }
            return try LexiconSource(data: Data(contentsOf: url))
        }

        mutating func merge(_ other: LexiconSource) {
            for (name, entries) in other.lists { lists[name, default: []].append(contentsOf: entries) }
            for (code, entries) in other.themes { themes[code, default: []].append(contentsOf: entries) }
            for (name, entries) in other.remove {
                let drop = Set(entries.map { $0.lowercased() })
                if lists[name] != nil { lists[name]!.removeAll { drop.contains($0.lowercased()) } }
                if themes[name] != nil { themes[name]!.removeAll { drop.contains($0.lowercased()) } }
            }
        }
    }
}

/// The named lists of a lexicon. Each becomes one bit of a token's category mask.
enum LexiconList: String, CaseIterable {
    case firstPerson, pronoun, familyRole, professionalRole
    case perspective, reported, viewpoint
    case deficit, need, needHead, service, task, aim
    case strengthQuality, strengthSupport, negation
    case professionalView, notSubstantive

    var bit: UInt64 { 1 << UInt64(LexiconList.allCases.firstIndex(of: self)!) }
    static func themeBit(_ outcome: NationalOutcome) -> UInt64 {
        1 << UInt64(LexiconList.allCases.count + NationalOutcome.allCases.firstIndex(of: outcome)!)
    }
    static let allThemes: UInt64 = NationalOutcome.allCases.reduce(0) { $0 | themeBit($1) }
}

/// A lexicon compiled for speed: a hash table from folded words to word ids (one probe per
/// word of text, not one per letter), and an index of phrases by their first word.
final class CompiledLexicon: @unchecked Sendable {
    /// Open-addressing table: keys are 64-bit FNV-1a hashes of folded words (prefix entries
    /// are tagged), 0 marks an empty slot.
    @exclusivity(unchecked) private(set) var tableKeys: UnsafeMutablePointer<UInt64>! = nil
    @exclusivity(unchecked) private(set) var tableIds: UnsafeMutablePointer<Int32>! = nil
    private(set) var tableMask: Int = 0
    /// Bit n is set when some prefix entry (`word*`) has n letters.
    private(set) var prefixLengths: UInt64 = 0
    /// Phrases indexed by the id of their first word: `phraseStart[id] ..< phraseStart[id+1]`.
    @exclusivity(unchecked) private(set) var phraseStart: [Int32] = []
    @exclusivity(unchecked) private(set) var phrases: [Phrase] = []
    /// The words of every phrase after the first, back to back; -2 matches any one word.
    @exclusivity(unchecked) private(set) var phraseWords: [Int32] = []
    private var wordCount: Int32 = 0

    struct Phrase {
        /// Where the words after the first start in `phraseWords`, and how many there are.
        var restStart: Int32
        var restCount: Int32
        var mask: UInt64
    }

    static let wildcard: Int32 = -2
    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3
    static let prefixTag: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* fnvPrime }

    static func hash(_ word: String) -> UInt64 {
        var h = fnvOffset
        for b in word.utf8 { h = step(h, b) }
        return h
    }

    init(_ source: PracticeReview.LexiconSource) throws {
        var wordIds: [String: Int32] = [:]
        var prefixIds: [String: Int32] = [:]
        var raw: [(words: [Int32], mask: UInt64)] = []

        func wordId(_ word: String, isPrefix: Bool) -> Int32 {
            if isPrefix, let id = prefixIds[word] { return id }
            if !isPrefix, let id = wordIds[word] { return id }
            let id = wordCount; wordCount += 1
            if isPrefix { prefixIds[word] = id } else { wordIds[word] = id }
            return id
        }

        func add(_ entry: String, mask: UInt64, list: String) throws {
            let alternatives = try LexiconEntry.expand(entry, welsh: source.language == "cy")
            guard !alternatives.isEmpty else { throw PracticeReview.LexiconError.badEntry(list, entry) }
            for words in alternatives {
                guard let first = words.first, first != "?" else { throw PracticeReview.LexiconError.badEntry(list, entry) }
                var ids: [Int32] = []
                for w in words {
                    if w == "?" { ids.append(CompiledLexicon.wildcard); continue }
                    if w.hasSuffix("*") {
                        let stem = String(w.dropLast())
                        guard stem.utf8.count >= 3 && stem.utf8.count < 64 else { throw PracticeReview.LexiconError.badEntry(list, entry) }
                        ids.append(wordId(stem, isPrefix: true))
                    } else {
                        ids.append(wordId(w, isPrefix: false))
                    }
                }
                raw.append((ids, mask))
            }
        }

        for list in LexiconList.allCases {
            for entry in source.lists[list.rawValue] ?? [] { try add(entry, mask: list.bit, list: list.rawValue) }
        }
        for outcome in NationalOutcome.allCases {
            for entry in source.themes[outcome.rawValue] ?? [] {
                try add(entry, mask: LexiconList.themeBit(outcome), list: "themes." + outcome.rawValue)
            }
        }

        // The word table.
        var capacity = 16
        while capacity < (wordIds.count + prefixIds.count) * 4 { capacity <<= 1 }
        tableMask = capacity - 1
        tableKeys = .allocate(capacity: capacity); tableKeys.initialize(repeating: 0, count: capacity)
        tableIds = .allocate(capacity: capacity); tableIds.initialize(repeating: -1, count: capacity)
        func insert(_ key: UInt64, _ id: Int32) {
            let key = key == 0 ? 1 : key
            var slot = Int(truncatingIfNeeded: key) & tableMask
            while tableKeys[slot] != 0 && tableKeys[slot] != key { slot = (slot + 1) & tableMask }
            tableKeys[slot] = key; tableIds[slot] = id
        }
        for (word, id) in wordIds.sorted(by: { $0.value < $1.value }) { insert(CompiledLexicon.hash(word), id) }
        for (word, id) in prefixIds.sorted(by: { $0.value < $1.value }) {
            insert(CompiledLexicon.hash(word) ^ CompiledLexicon.prefixTag, id)
            prefixLengths |= 1 << UInt64(word.utf8.count)
        }

        // Merge identical phrases, then index by first word, longest first.
        var merged: [[Int32]: UInt64] = [:]
        var order: [[Int32]] = []
        for (words, mask) in raw {
            if let m = merged[words] { merged[words] = m | mask } else { merged[words] = mask; order.append(words) }
        }
        var byFirst = [[[Int32]]](repeating: [], count: Int(wordCount))
        for words in order { byFirst[Int(words[0])].append(words) }
        phraseStart = [0]
        for var list in byFirst {
            list.sort { $0.count > $1.count }
            for words in list {
                phrases.append(Phrase(restStart: Int32(phraseWords.count), restCount: Int32(words.count - 1), mask: merged[words]!))
                phraseWords.append(contentsOf: words.dropFirst())
            }
            phraseStart.append(Int32(phrases.count))
        }
    }

    deinit {
        tableKeys?.deallocate(); tableIds?.deallocate()
    }

    /// The id stored for a hash, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key) & tableMask
        while true {
            let k = tableKeys[slot]
            if k == key { return tableIds[slot] }
            if k == 0 { return -1 }
            slot = (slot + 1) & tableMask
        }
    }

    /// Looks up a word written as text (for tests and tools): its exact id and the id of the
    /// longest prefix entry it starts with (each -1 when none).
    func lookup(word: String) -> (exact: Int32, prefix: Int32) {
        let folded = Array(LexiconEntry.words(word).joined().utf8)
        var h = CompiledLexicon.fnvOffset
        var prefix: Int32 = -1
        for (n, b) in folded.enumerated() {
            h = CompiledLexicon.step(h, b)
            if n + 1 < 64 && prefixLengths & (1 << UInt64(n + 1)) != 0 {
                let id = find(h ^ CompiledLexicon.prefixTag)
                if id >= 0 { prefix = id }
            }
        }
        return (find(h), prefix)
    }
}

/// Parsing and expanding one lexicon entry.
enum LexiconEntry {
    /// Folds text the way the scanner does: lower case, accents removed, and every run of
    /// characters that are not letters or digits (apostrophes included) a word break.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        TextScanner.foldBytes(Array(text.utf8)) { byte in
            if let byte { current.append(byte) } else if !current.isEmpty {
                out.append(String(decoding: current, as: UTF8.self)); current.removeAll()
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    /// Expands an entry into the word sequences it stands for: `a|b` alternatives within a
    /// word, `~word` Welsh mutations, `?` any one word, `word*` a prefix.
    static func expand(_ entry: String, welsh: Bool) throws -> [[String]] {
        var sequences: [[String]] = [[]]
        for part in entry.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var options: [String] = []
            for alt in part.split(separator: "|") {
                var word = String(alt)
                if word == "?" { options.append("?"); continue }
                var mutate = false
                if word.hasPrefix("~") { mutate = true; word.removeFirst() }
                var isPrefix = false
                if word.hasSuffix("*") { isPrefix = true; word.removeLast() }
                // A written word may fold into several (don't → don t): keep them in order.
                let pieces = words(word)
                guard !pieces.isEmpty else { continue }
                var forms = [pieces[0]]
                if mutate { forms = welsh ? LexiconMutation.forms(of: pieces[0]) : [pieces[0]] }
                for form in forms {
                    var seq = [form] + pieces.dropFirst()
                    if isPrefix { seq[seq.count - 1] += "*" }
                    options.append(seq.joined(separator: " "))
                }
            }
            guard !options.isEmpty else { continue }
            var nextSequences: [[String]] = []
            for seq in sequences {
                for option in Set(options).sorted() { nextSequences.append(seq + option.split(separator: " ").map(String.init)) }
            }
            sequences = nextSequences
        }
        return sequences.filter { !$0.isEmpty }
    }
}

/// The initial consonant mutations of Welsh, on folded (lower-case, unaccented) words.
enum LexiconMutation {
    /// The radical form and its soft, nasal and aspirate mutations, and h- before a vowel.
    static func forms(of word: String) -> [String] {
        var out = [word]
        func add(_ s: String) { if !s.isEmpty, !out.contains(s) { out.append(s) } }
        func swap(_ from: String, _ to: String) -> String? {
            word.hasPrefix(from) ? to + word.dropFirst(from.count) : nil
        }
        let table: [(String, soft: String?, nasal: String?, aspirate: String?)] = [
            ("ll", "l", nil, nil), ("rh", "r", nil, nil),
            ("ch", nil, nil, nil), ("th", nil, nil, nil), ("ph", nil, nil, nil), ("ff", nil, nil, nil),
            ("dd", nil, nil, nil), ("ng", nil, nil, nil),
            ("p", "b", "mh", "ph"), ("t", "d", "nh", "th"), ("c", "g", "ngh", "ch"),
            ("b", "f", "m", nil), ("d", "dd", "n", nil), ("g", "", "ng", nil), ("m", "f", nil, nil),
        ]
        for (radical, soft, nasal, aspirate) in table where word.hasPrefix(radical) {
            if let soft, let s = swap(radical, soft) { add(s) }
            if let nasal, let s = swap(radical, nasal) { add(s) }
            if let aspirate, let s = swap(radical, aspirate) { add(s) }
            return out
        }
        if let first = word.first, "aeiouwy".contains(first) { add("h" + word) }
        return out
    }
}
