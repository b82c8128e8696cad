import Foundation

/// The sex a demo name was drawn for; the demo text uses it for pronouns and for Welsh
/// mutations after "ei" (his / her), which differ.
public enum DemoSex: String, Sendable, Codable, CaseIterable {
    case female, male
}

/// A generated name and what the text generator needs to know about it.
struct DemoName: Equatable, Sendable {
    var first: String
    var surname: String
    var sex: DemoSex
    /// True when the first name is Welsh, so it takes Welsh mutations in Welsh text
    /// ("i Gatrin", "â Chatrin"); English and other names are left as they are.
    var welshFirst: Bool
    var full: String { surname.isEmpty ? first : "\(first) \(surname)" }
}

/// A language other than Welsh or English that some people speak, with its names.
struct DemoOtherLanguage: Sendable {
    let en: String
    let cy: String
    let female: [String]
    let male: [String]
    let surnames: [String]
}

enum DemoNames {
    // MARK: Welsh first names, by generation (born before 1970 / after)

    static let welshFemaleOlder = [
        "Gwyneth", "Myfanwy", "Eirlys", "Megan", "Gwenda", "Glenys", "Mair", "Menna", "Olwen", "Nesta",
        "Morfudd", "Eluned", "Gwladys", "Blodwen", "Ceinwen", "Enid", "Dilys", "Rhiannon", "Bronwen",
        "Eirwen", "Nerys", "Delyth", "Gaenor", "Siân", "Elen", "Mererid", "Angharad", "Beti", "Llinos",
    ]
    static let welshFemaleYounger = [
        "Ffion", "Carys", "Catrin", "Seren", "Mali", "Alaw", "Efa", "Lowri", "Nia", "Cerys", "Heledd",
        "Manon", "Sioned", "Elin", "Gwenllïan", "Mabli", "Eira", "Tirion", "Lleucu", "Non", "Begw",
        "Glesni", "Llio", "Nel", "Ela", "Beca", "Angharad", "Llinos", "Siwan", "Gwawr", "Esyllt", "Awen",
        "Dwynwen", "Betsan", "Cadi", "Gwenno", "Meinir", "Tegwen", "Rhiannon", "Siân",
    ]
    static let welshMaleOlder = [
        "Dafydd", "Gwilym", "Emrys", "Idris", "Ieuan", "Gwyn", "Elwyn", "Meirion", "Islwyn", "Glyn",
        "Emlyn", "Huw", "Alun", "Hywel", "Dilwyn", "Iorwerth", "Berwyn", "Trefor", "Goronwy", "Eifion",
        "Wyn", "Aneurin", "Gareth", "Rhodri", "Geraint", "Bryn", "Owain", "Gruffudd", "Tudur",
    ]
    static let welshMaleYounger = [
        "Osian", "Rhys", "Iestyn", "Ioan", "Cai", "Elis", "Harri", "Macsen", "Gruffudd", "Tomos", "Deio",
        "Llŷr", "Siôn", "Aled", "Dyfan", "Guto", "Steffan", "Owain", "Llew", "Iwan", "Math", "Gwion",
        "Emyr", "Ifan", "Ianto", "Gethin", "Dylan", "Peredur", "Sion", "Caradog", "Dafydd", "Tomi",
    ]
    /// Fathers' names for patronymics ("Rhys ap Gruffudd", "Gwenllïan ferch Owain").
    static let patronyms = [
        "Gruffudd", "Dafydd", "Owain", "Rhys", "Ifan", "Hywel", "Iorwerth", "Emyr", "Huw", "Siôn", "Elis",
        "Llywelyn", "Madog", "Gwilym", "Aled",
    ]

    // MARK: English first names, by generation

    static let englishFemaleOlder = [
        "Margaret", "Dorothy", "Joan", "Barbara", "Patricia", "Jean", "Sheila", "Brenda", "Valerie",
        "Maureen", "Pauline", "Sandra", "Christine", "Susan", "Linda", "Carol", "Janet", "Elaine", "Beryl",
        "Doreen", "Irene", "June", "Hilda", "Edna",
    ]
    static let englishFemaleYounger = [
        "Emily", "Sophie", "Jessica", "Chloe", "Olivia", "Amelia", "Ruby", "Grace", "Lily", "Isla", "Ava",
        "Poppy", "Holly", "Hannah", "Lucy", "Rebecca", "Sarah", "Laura", "Kayleigh", "Jade", "Stacey",
        "Amy", "Charlotte", "Freya", "Evie", "Rosie", "Nicola", "Gemma",
    ]
    static let englishMaleOlder = [
        "David", "John", "Michael", "Peter", "Brian", "Kenneth", "Ronald", "Keith", "Colin", "Derek", "Roy",
        "Raymond", "Terence", "Malcolm", "Graham", "Alan", "Barry", "Clive", "Dennis", "Leslie", "Gordon",
        "Stanley", "Cyril",
    ]
    static let englishMaleYounger = [
        "Oliver", "Jack", "Harry", "George", "Charlie", "Jacob", "Alfie", "Noah", "Leo", "Freddie", "Oscar",
        "Archie", "James", "Thomas", "Daniel", "Matthew", "Liam", "Ryan", "Jordan", "Kieran", "Callum",
        "Lewis", "Tyler", "Jake", "Mason", "Ethan", "Craig", "Lee",
    ]

    // MARK: Surnames

    static let welshSurnames = [
        "Jones", "Davies", "Williams", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan",
        "Griffiths", "Owen", "Rees", "Price", "Pritchard", "Parry", "Powell", "Jenkins", "Lloyd", "Bowen",
        "Vaughan", "Meredith", "Prosser", "Howells", "Watkins", "Llywelyn", "Gruffudd", "Llŷr", "Ŵyn",
        "Prys", "Puw", "Rhydderch", "Tudur", "Glyn", "Pennant", "Madog", "Cadwaladr", "Elis", "Wyn",
        "Gwyn", "Eifion", "Hedd", "Môn", "Tegid", "Gwynedd", "Dafis", "Huws", "Siôn", "Jones-Parry",
        "Lewis-Evans", "Pugh", "Bevan", "Gwilym", "Rowlands", "Humphreys", "Edwards", "Phillips",
    ]
    static let englishSurnames = [
        "Smith", "Taylor", "Brown", "Wilson", "Johnson", "Walker", "Wright", "Robinson", "Thompson",
        "White", "Hall", "Green", "Clarke", "Wood", "Harris", "Martin", "Cooper", "King", "Baker",
        "Harrison", "Morris", "Ward", "Turner", "Hill", "Collins", "Stevens", "Hopkins", "Bennett",
        "Reynolds", "Fisher", "Marshall", "Palmer", "Shaw", "O'Brien", "Murphy", "Kelly",
    ]

    static let otherLanguages: [DemoOtherLanguage] = [
        DemoOtherLanguage(en: "Polish", cy: "Pwyleg",
                          female: ["Zofia", "Katarzyna", "Agnieszka", "Magdalena", "Łucja", "Ewa"],
                          male: ["Piotr", "Tomasz", "Marek", "Paweł", "Krzysztof", "Jakub"],
                          surnames: ["Nowak", "Kowalczyk", "Wiśniewski", "Wójcik", "Kamiński", "Zieliński"]),
        DemoOtherLanguage(en: "Arabic", cy: "Arabeg",
                          female: ["Fatima", "Layla", "Amira", "Noor", "Mariam"],
                          male: ["Ahmed", "Omar", "Yusuf", "Khalid", "Sami"],
                          surnames: ["Hassan", "Ali", "Khalil", "Haddad", "Ibrahim", "Mansour"]),
        DemoOtherLanguage(en: "Bengali", cy: "Bengaleg",
                          female: ["Rahima", "Nasreen", "Shirin", "Ruksana", "Salma"],
                          male: ["Abdul", "Shahid", "Jamal", "Rafiq", "Anwar"],
                          surnames: ["Begum", "Miah", "Uddin", "Rahman", "Hussain", "Akhtar"]),
        DemoOtherLanguage(en: "Portuguese", cy: "Portiwgaleg",
                          female: ["Ana", "Mariana", "Beatriz", "Inês"],
                          male: ["João", "Tiago", "Rui", "Paulo"],
                          surnames: ["Ferreira", "Silva", "Costa", "Santos", "Oliveira"]),
        DemoOtherLanguage(en: "Romanian", cy: "Rwmaneg",
                          female: ["Elena", "Ioana", "Andreea", "Maria"],
                          male: ["Andrei", "Mihai", "Ion", "Florin"],
                          surnames: ["Popescu", "Ionescu", "Dumitru", "Stan", "Munteanu"]),
        DemoOtherLanguage(en: "Ukrainian", cy: "Wcreineg",
                          female: ["Olena", "Oksana", "Iryna", "Natalia"],
                          male: ["Mykola", "Taras", "Oleksandr", "Andriy"],
                          surnames: ["Shevchenko", "Kovalenko", "Bondarenko", "Melnyk", "Tkachenko"]),
        DemoOtherLanguage(en: "British Sign Language", cy: "Iaith Arwyddion Prydain",
                          female: ["Karen", "Nicola", "Ffion", "Bethan"],
                          male: ["Mark", "Gareth", "Dewi", "Paul"],
                          surnames: ["Jones", "Evans", "Smith", "Morgan", "Price"]),
    ]

    // MARK: Drawing names

    /// A name for someone born in `birthYear`. `welshShare` is the chance of a Welsh first
    /// name; Welsh surnames follow Welsh first names more often than not, as in Wales.
    static func draw(_ r: inout SplitMix64, sex: DemoSex, birthYear: Int, welshShare: Double) -> DemoName {
        let older = birthYear < 1970
        let welshFirst = r.chance(welshShare)
        let pool: [String]
        switch (welshFirst, sex, older) {
        case (true, .female, true): pool = welshFemaleOlder
        case (true, .female, false): pool = welshFemaleYounger
        case (true, .male, true): pool = welshMaleOlder
        case (true, .male, false): pool = welshMaleYounger
        case (false, .female, true): pool = englishFemaleOlder
        case (false, .female, false): pool = englishFemaleYounger
        case (false, .male, true): pool = englishMaleOlder
        case (false, .male, false): pool = englishMaleYounger
        }
        let first = r.pick(pool)
        let surname: String
        if welshFirst && r.chance(0.08) {
            // A patronymic: "ap" (before a vowel "ab") for a son, "ferch" for a daughter.
            let father = r.pick(patronyms)
            if sex == .female {
                surname = "ferch \(father)"
            } else {
                let vowelStart = father.first.map { "AEIOUYŴŶ".contains($0) } ?? false
                surname = "\(vowelStart ? "ab" : "ap") \(father)"
            }
        } else if r.chance(welshFirst ? 0.8 : 0.45) {
            surname = r.pick(welshSurnames)
        } else {
            surname = r.pick(englishSurnames)
        }
        return DemoName(first: first, surname: surname, sex: sex, welshFirst: welshFirst)
    }

    static func drawOther(_ r: inout SplitMix64, sex: DemoSex, language: DemoOtherLanguage) -> DemoName {
        let first = r.pick(sex == .female ? language.female : language.male)
        var surname = r.pick(language.surnames)
        // Polish surnames agree with the bearer.
        if sex == .female, surname.hasSuffix("ski") { surname = String(surname.dropLast()) + "a" }
        return DemoName(first: first, surname: surname, sex: sex, welshFirst: false)
    }

    /// A first name alone (for family members and the people cared for).
    static func firstName(_ r: inout SplitMix64, sex: DemoSex, older: Bool, welsh: Bool) -> String {
        switch (welsh, sex, older) {
        case (true, .female, true): return r.pick(welshFemaleOlder)
        case (true, .female, false): return r.pick(welshFemaleYounger)
        case (true, .male, true): return r.pick(welshMaleOlder)
        case (true, .male, false): return r.pick(welshMaleYounger)
        case (false, .female, true): return r.pick(englishFemaleOlder)
        case (false, .female, false): return r.pick(englishFemaleYounger)
        case (false, .male, true): return r.pick(englishMaleOlder)
        case (false, .male, false): return r.pick(englishMaleYounger)
        }
    }

    // MARK: Emails

    /// The ASCII local part of an email address for a name: "Siân ap Dafydd" →
    /// "sian.ap.dafydd". Letters are folded by a fixed table, not the platform's.
    static func emailLocalPart(_ name: String) -> String {
        var out = ""
        var lastDot = true
        for scalar in name.lowercased().unicodeScalars {
            let c = asciiFold(scalar)
            if let c, c.isLetter || c.isNumber || c == "-" {
                out.append(c); lastDot = false
            } else if scalar == "'" || scalar == "\u{2019}" {
                continue // O'Brien → obrien
            } else if !lastDot {
                out.append("."); lastDot = true
            }
        }
        while out.hasSuffix(".") { out.removeLast() }
        return out
    }

    private static let foldTable: [Unicode.Scalar: Character] = {
        var t: [Unicode.Scalar: Character] = [:]
        let groups: [(String, Character)] = [
            ("àáâäãåā", "a"), ("èéêëē", "e"), ("ìíîïī", "i"), ("òóôöõō", "o"), ("ùúûüū", "u"),
            ("ẁẃŵẅ", "w"), ("ỳýŷÿ", "y"), ("ç", "c"), ("ł", "l"), ("ńñ", "n"), ("śš", "s"), ("źżž", "z"),
            ("ę", "e"), ("ą", "a"), ("ć", "c"),
        ]
        for (letters, base) in groups { for s in letters.unicodeScalars { t[s] = base } }
        return t
    }()

    private static func asciiFold(_ s: Unicode.Scalar) -> Character? {
        if s.isASCII {
            let c = Character(s)
            return (c.isLetter || c.isNumber || c == "-") ? c : nil
        }
        return foldTable[s]
    }
}

/// Welsh initial-consonant mutations, as applied to Welsh personal names in the demo text.
enum WelshMutation {
    /// Soft mutation (treiglad meddal): "Catrin" → "Gatrin", "Dafydd" → "Ddafydd",
    /// "Llinos" → "Linos", "Rhys" → "Rys". Names in G are kept whole.
    static func soft(_ word: String) -> String {
        if word.hasPrefix("Ch") || word.hasPrefix("Th") || word.hasPrefix("Ph") || word.hasPrefix("Dd") { return word }
        if word.hasPrefix("Ll") { return "L" + word.dropFirst(2) }
        if word.hasPrefix("Rh") { return "R" + word.dropFirst(2) }
        guard let first = word.first else { return word }
        let rest = word.dropFirst()
        switch first {
        case "P": return "B" + rest
        case "T": return "D" + rest
        case "C": return "G" + rest
        case "B", "M": return "F" + rest
        case "D": return "Dd" + rest
        // G would drop ("Guto" → "Uto"): in a record the name must stay recognisable, so
        // names in G are left as they are, as many Welsh writers do.
        default: return word
        }
    }

    /// Aspirate mutation (treiglad llaes): "Catrin" → "Chatrin", "Tomos" → "Thomos".
    static func aspirate(_ word: String) -> String {
        if word.hasPrefix("Ch") || word.hasPrefix("Th") || word.hasPrefix("Ph") { return word }
        guard let first = word.first else { return word }
        let rest = word.dropFirst()
        switch first {
        case "C": return "Ch" + rest
        case "P": return "Ph" + rest
        case "T": return "Th" + rest
        default: return word
        }
    }
}
