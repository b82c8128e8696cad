import Foundation

/// The words of reasons and prompts, in English and Welsh. Field names (`whatMatters`,
/// `actions[2]`) and national outcome codes are the plan format's own and stay as they are.
struct ReviewWording {
    let cy: Bool
    init(_ language: ReviewLanguage) { cy = language == .cy }

    // MARK: Helpers

    /// "o1, o2 and o3" / "o1, o2 ac o3".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let head = items.dropLast().joined(separator: ", ")
        let last = items[items.count - 1]
        guard cy else { return head + " and " + last }
        return head + " " + welshAnd(last)
    }

    /// "a" before a Welsh word, as it is written: "a'r" for "y"/"yr", "ac" before a vowel,
    /// and the aspirate mutation of p, t, c ("a phryder").
    func welshAnd(_ word: String) -> String {
        if word.hasPrefix("yr ") { return "a'r " + word.dropFirst(3) }
        if word.hasPrefix("y ") { return "a'r " + word.dropFirst(2) }
        if word.hasPrefix("'r ") { return "a'r " + word.dropFirst(3) }
        if startsWithVowel(word) { return "ac " + word }
        for (radical, aspirate) in [("p", "ph"), ("t", "th"), ("c", "ch")] where word.hasPrefix(radical)
            && !word.hasPrefix("ph") && !word.hasPrefix("th") && !word.hasPrefix("ch") {
            return "a " + aspirate + word.dropFirst(radical.count)
        }
        return "a " + word
    }

    /// "â"/"ag", "gyda"/"gydag" before a vowel, for Welsh.
    func withVowel(_ short: String, _ long: String, before word: String) -> String {
        startsWithVowel(word) ? long : short
    }

    func startsWithVowel(_ word: String) -> Bool {
        guard let c = word.lowercased().first else { return false }
        return "aeiouwyâêîôûŵŷ".contains(c)
    }

    static let stop = (en: "Stop and think: ", cy: "Aros a meddwl: ")
    var stop: String { cy ? ReviewWording.stop.cy : ReviewWording.stop.en }

    func field(_ name: String, whatMattersConversation: Bool) -> String {
        guard whatMattersConversation else { return name }
        return cy ? "\(name) (sgwrs Beth sy'n bwysig)" : "\(name) (What Matters conversation)"
    }

    // MARK: 1. What matters and strengths

    func ownWords(_ f: String, _ q: String) -> String {
        cy ? "Mae \(f) yn cofnodi geiriau'r person ei hun: \"\(q)\"" : "\(f) records the person's own words: \"\(q)\""
    }
    func reported(_ f: String, _ q: String) -> String {
        cy ? "Mae \(f) yn adrodd safbwynt y person ei hun: \"\(q)\"" : "\(f) reports the person's own perspective: \"\(q)\""
    }
    func mediated(_ f: String, _ q: String) -> String {
        cy ? "Mae \(f) yn rhoi safbwynt y person drwy'r teulu, gofalwr neu eiriolwr, fel mae'r cofnod yn ei ddweud: \"\(q)\""
           : "\(f) gives the person's perspective through family, a carer or an advocate, as the record says: \"\(q)\""
    }
    func onlyDeficits(_ f: String, _ q: String) -> String {
        cy ? "Mae \(f) yn cofnodi anghenion, diffygion, tasgau neu wasanaethau yn hytrach na dymuniadau neu bryderon y person ei hun: \"\(q)\""
           : "\(f) records needs, deficits, tasks or services rather than the person's own wishes or worries: \"\(q)\""
    }
    func noPerspective(_ f: String) -> String {
        cy ? "Dydy \(f) ddim yn cofnodi dymuniadau na phryderon y person ei hun, na sut beth yw diwrnod da iddyn nhw"
           : "\(f) does not record the person's own wishes, worries or what a good day looks like"
    }
    var whatMattersEmpty: String { cy ? "Mae whatMatters yn wag" : "whatMatters is empty" }
    var noWhatMattersAtAll: String {
        cy ? "Does dim testun whatMatters na sgwrs Beth sy'n bwysig" : "there is no whatMatters text and no What Matters conversation"
    }
    func strengthsRecorded(_ s: PracticeReview.StrengthsBySource) -> String {
        var parts: [String] = []
        let names = cy ? ["person", "teulu", "rhwydwaith", "cymuned", "heb ffynhonnell"]
                       : ["person", "family", "network", "community", "no source"]
        for (i, n) in [s.person, s.family, s.network, s.community, s.unspecified].enumerated() where n > 0 {
            parts.append("\(names[i]) \(n)")
        }
        let total = s.total
        if cy { return "\(total) cryfder wedi'\(total == 1 ? "i" : "u") cofnodi (\(parts.joined(separator: ", ")))" }
        return "\(total) \(total == 1 ? "strength" : "strengths") recorded (\(parts.joined(separator: ", ")))"
    }
    func strengthInText(_ f: String, _ q: String) -> String {
        cy ? "Mae cryfder yn cael ei ddisgrifio yn \(f): \"\(q)\"" : "a strength is described in \(f): \"\(q)\""
    }
    var noStrengths: String {
        cy ? "Does dim cryfder nac adnodd gan y person, y teulu, y rhwydwaith na'r gymuned wedi'i gofnodi yn strengths na'i ddisgrifio yn y testun"
           : "no strength or resource of the person, family, network or community is recorded in strengths or described in the text"
    }
    var promptWhatMatters: String {
        stop + (cy ? "beth sy'n bwysig i'r person hwn, yn eu geiriau eu hunain? Cofnodwch eu dymuniadau, eu pryderon a sut beth yw diwrnod da iddyn nhw, nid dim ond anghenion a gwasanaethau."
                   : "what matters to this person, in their own words? Record their wishes, worries and what a good day looks like, not only needs and services.")
    }
    var promptWhatMattersChild: String {
        stop + (cy ? "beth sy'n bwysig i'r plentyn hwn? Cofnodwch beth mae'n ei ddweud, ei ddangos neu ei dynnu — neu beth mae'r rhai sy'n ei adnabod orau yn ei ddweud — a sut y cafodd ei glywed."
                   : "what matters to this child? Record what they say, show or draw — or what those who know them best say — and how they were heard.")
    }
    var promptStrengths: String {
        stop + (cy ? "beth sy'n gweithio'n dda? Cofnodwch o leiaf un cryfder neu adnodd sydd gan y person, y teulu, y rhwydwaith neu'r gymuned."
                   : "what is working well? Record at least one strength or resource of the person, their family, network or community.")
    }
    var promptChildVoice: String {
        stop + (cy ? "ble mae llais y plentyn ei hun? Cofnodwch beth ddywedodd, beth ddangosodd neu beth dynnodd y plentyn, a sut y cafodd ei glywed."
                   : "where is the child's own voice? Record what they said, showed or drew, and how they were heard.")
    }

    // MARK: 2. Outcomes

    var noOutcomes: String { cy ? "Does dim canlyniadau personol" : "there are no personal outcomes" }
    var outcomesEmpty: String { cy ? "Mae personalOutcomes yn wag, felly does dim canlyniadau personol" : "personalOutcomes is empty, so there are no personal outcomes" }

    func kindName(_ kind: OutcomeKind) -> String {
        switch kind {
        case .need: return cy ? "angen" : "a need"
        case .task: return cy ? "tasg" : "a task"
        case .service: return cy ? "gwasanaeth" : "a service"
        case .genuine, .noAim: return ""
        }
    }
    func outcomeFits(_ id: String, _ q: String, _ codes: [String]) -> String {
        cy ? "Mae \(id) \"\(q)\" yn dweud beth mae'r person eisiau ei gyflawni, ac mae'n cyd-fynd \(withVowel("â", "ag", before: codes[0])) \(list(codes))"
           : "\(id) \"\(q)\" states what the person wants to achieve and fits \(list(codes))"
    }
    func outcomeUnlinked(_ id: String, _ q: String) -> String {
        cy ? "Mae \(id) \"\(q)\" yn nod i'r person, ond does dim canlyniad llesiant cenedlaethol wedi'i enwi"
           : "\(id) \"\(q)\" is the person's aim but names no national well-being outcome"
    }
    func outcomeMisfit(_ id: String, _ q: String, _ codes: [String]) -> String {
        if cy {
            let tail = codes.count == 1 ? "a dydy hwnnw ddim yn cyd-fynd â'r hyn mae'n ei ddweud" : "a dydy'r rheini ddim yn cyd-fynd â'r hyn mae'n ei ddweud"
            return "Mae \(id) \"\(q)\" yn nod i'r person, ond mae wedi'i gysylltu \(withVowel("â", "ag", before: codes[0])) \(list(codes)) yn unig, \(tail)"
        }
        return "\(id) \"\(q)\" is the person's aim but is linked only to \(list(codes)), which \(codes.count == 1 ? "does" : "do") not fit what it says"
    }
    func outcomeNotGenuine(_ id: String, _ q: String, _ kind: OutcomeKind) -> String {
        if kind == .noAim {
            return cy ? "Dydy \(id) \"\(q)\" ddim yn dweud beth mae'r person eisiau ei gyflawni, ei gadw neu ei newid"
                      : "\(id) \"\(q)\" does not say what the person wants to achieve, keep or change"
        }
        return cy ? "Mae \(id) \"\(q)\" yn darllen fel \(kindName(kind)), nid fel rhywbeth mae'r person eisiau ei gyflawni, ei gadw neu ei newid"
                  : "\(id) \"\(q)\" reads as \(kindName(kind)), not as something the person wants to achieve, keep or change"
    }
    var promptNoOutcomes: String {
        stop + (cy ? "beth mae'r person eisiau ei gyflawni, ei gadw neu ei newid yn eu bywyd? Cofnodwch hynny fel canlyniad personol yn eu geiriau eu hunain, wedi'i gysylltu â chanlyniad llesiant cenedlaethol."
                   : "what does the person want to achieve, keep or change in their life? Record it as a personal outcome in their words, linked to a national well-being outcome.")
    }
    func promptNotGenuine(_ id: String, _ q: String, _ kind: OutcomeKind) -> String {
        if kind == .noAim {
            return stop + (cy ? "beth mae'r person eisiau ei gyflawni, ei gadw neu ei newid \(withVowel("gyda", "gydag", before: id)) \(id) \"\(q)\"? Ysgrifennwch hynny yn eu geiriau eu hunain."
                              : "what does the person want to achieve, keep or change with \(id) \"\(q)\"? Write it in their words.")
        }
        return stop + (cy ? "mae \(id) \"\(q)\" yn darllen fel \(kindName(kind)). Beth mae'r person eisiau ei gyflawni drwy hyn? Ysgrifennwch y canlyniad yn eu geiriau eu hunain."
                          : "\(id) \"\(q)\" reads as \(kindName(kind)). What would it help the person to achieve? Write the outcome in their words.")
    }
    func promptUnlinked(_ id: String, _ q: String) -> String {
        stop + (cy ? "at ba ganlyniad llesiant cenedlaethol mae \(id) \"\(q)\" yn cyfrannu?"
                   : "which national well-being outcome does \(id) \"\(q)\" contribute to?")
    }
    func promptMisfit(_ id: String, _ q: String, _ codes: [String]) -> String {
        stop + (cy ? "ydy \(list(codes)) yn cyd-fynd \(withVowel("â", "ag", before: id)) \(id) \"\(q)\"? Cysylltwch ef â'r canlyniad llesiant mae ei eiriau'n ei ddisgrifio."
                   : "does \(list(codes)) fit \(id) \"\(q)\"? Link it to the well-being outcome its words describe.")
    }

    // MARK: 3. Balanced analysis

    func raiserName(_ r: ConcernRaisedBy?) -> String {
        switch r {
        case .practitioner, nil: return cy ? "yr ymarferydd" : "the practitioner"
        case .partnerAgency: return cy ? "asiantaeth bartner" : "a partner agency"
        case .person: return cy ? "y person" : "the person"
        case .family: return cy ? "y teulu" : "the family"
        }
    }
    func professionalRecorded(_ raisers: [String]) -> String {
        cy ? "Mae safbwynt proffesiynol wedi'i gofnodi: pryderon a godwyd gan \(list(raisers))"
           : "the professional perspective is recorded: concerns raised by \(list(raisers))"
    }
    func professionalInAnalysis(_ q: String) -> String {
        cy ? "Mae safbwynt proffesiynol yn cael ei nodi yn y dadansoddiad: \"\(q)\""
           : "the professional perspective is stated in the analysis: \"\(q)\""
    }
    func personRecorded(_ sources: [String]) -> String {
        cy ? "Mae safbwynt y person neu'r teulu wedi'i gofnodi: \(list(sources))"
           : "the person's or family's perspective is recorded: \(list(sources))"
    }
    func concernBy(_ raiser: String) -> String { cy ? "pryder a godwyd gan \(raiser)" : "a concern raised by \(raiser)" }
    var noProfessional: String {
        cy ? "Does dim safbwynt proffesiynol wedi'i gofnodi: dim pryder gan ymarferydd nac asiantaeth bartner, a dim barn broffesiynol am risg neu angen yn y dadansoddiad"
           : "no professional perspective is recorded: no concern from a practitioner or partner agency and no professional view of risk or need in the analysis"
    }
    var noPersonView: String {
        cy ? "Does dim safbwynt gan y person na'r teulu wedi'i gofnodi: does dim barn sylweddol yn views.person na views.family, a does dim pryder wedi'i godi gan y person na'r teulu"
           : "no view of the person or family is recorded: views.person and views.family carry no substantive view, and no concern was raised by the person or family"
    }
    func analysisWeighsBoth(_ pro: String, _ person: String) -> String {
        cy ? "Mae'r dadansoddiad yn pwyso a mesur y ddau gyda'i gilydd: y pryder proffesiynol (\"\(pro)\") a'r hyn mae'r person neu'r teulu yn ei feddwl neu ei eisiau (\"\(person)\")"
           : "the analysis weighs both together: the professional concern (\"\(pro)\") and what the person or family think or want (\"\(person)\")"
    }
    func analysisProfessionalOnly(_ q: String) -> String {
        cy ? "Dim ond o'r ochr broffesiynol mae'r dadansoddiad yn siarad; dydy e ddim yn dweud beth mae'r person neu'r teulu yn ei feddwl neu ei eisiau: \"\(q)\""
           : "the analysis speaks only from the professional side and does not say what the person or family think or want: \"\(q)\""
    }
    func analysisPersonOnly(_ q: String) -> String {
        cy ? "Dim ond o ochr y person neu'r teulu mae'r dadansoddiad yn siarad; dydy e ddim yn pwyso a mesur y pryder proffesiynol: \"\(q)\""
           : "the analysis speaks only from the person's or family's side and does not weigh the professional concern: \"\(q)\""
    }
    var analysisNeither: String {
        cy ? "Dydy'r dadansoddiad ddim yn cyfeirio at y pryder proffesiynol nac at yr hyn mae'r person neu'r teulu eisiau"
           : "the analysis refers neither to the professional concern nor to what the person or family want"
    }
    var noAnalysis: String { cy ? "Does dim dadansoddiad sy'n eu pwyso a'u mesur" : "there is no analysis to weigh them" }
    var analysisEmpty: String { cy ? "Mae analysis yn wag, felly does dim byd yn eu pwyso a'u mesur" : "analysis is empty, so nothing weighs them" }
    var promptPersonView: String {
        stop + (cy ? "beth mae'r person a'r teulu yn ei feddwl? Cofnodwch eu safbwyntiau yn eu geiriau eu hunain."
                   : "what do the person and their family think? Record their views in their own words.")
    }
    var promptProfessional: String {
        stop + (cy ? "oes unrhyw beth yn poeni'r gweithwyr proffesiynol? Cofnodwch y pryderon a phwy a'u cododd, neu nodwch nad oes dim."
                   : "is anything worrying the professionals involved? Record the concerns and who raised them, or say that there are none.")
    }
    var promptWriteAnalysis: String {
        stop + (cy ? "ysgrifennwch ddadansoddiad sy'n pwyso a mesur pryderon y gweithwyr proffesiynol ochr yn ochr â barn a dymuniadau'r person a'r teulu."
                   : "write an analysis that weighs the professional concerns together with what the person and family think and want.")
    }
    var promptAnalysisAddPerson: String {
        stop + (cy ? "beth yw barn a dymuniadau'r person a'r teulu am y pryderon hyn? Nodwch hynny yn y dadansoddiad a'i bwyso a'i fesur ochr yn ochr â'r farn broffesiynol."
                   : "what do the person and family think and want about these concerns? Say so in the analysis and weigh it with the professional view.")
    }
    var promptAnalysisAddProfessional: String {
        stop + (cy ? "dim ond o ochr y person mae'r dadansoddiad yn siarad. Sut mae pryderon y gweithwyr proffesiynol yn pwyso yn erbyn yr hyn maen nhw eisiau?"
                   : "the analysis speaks only from the person's side. How do the professional concerns weigh with what they want?")
    }

    // MARK: 4. Actions

    var noActions: String { cy ? "Does dim camau gweithredu" : "there are no actions" }
    var actionsEmpty: String { cy ? "Mae actions yn wag, felly does dim camau gweithredu" : "actions is empty, so there are no actions" }
    var noOutcomesForActions: String {
        cy ? "Does dim canlyniadau personol yn y cynllun i'r camau gweithredu eu gwasanaethu"
           : "the plan has no personal outcomes for the actions to serve"
    }
    func actionsServing(_ k: Int, _ n: Int) -> String {
        if cy { return "Mae \(k) o'r \(n) cam gweithredu yn enwi un o ganlyniadau personol y cynllun hwn" }
        return "\(k) of \(n) \(n == 1 ? "action names" : "actions name") a personal outcome of this plan"
    }
    func actionLabel(_ i: Int, _ q: String, service: Bool) -> String {
        "actions[\(i)] \"\(q)\"" + (service ? (cy ? " (gwasanaeth)" : " (a service)") : "")
    }
    func actionNoOutcomes(_ a: String) -> String {
        cy ? "Dydy \(a) ddim yn enwi canlyniad personol" : "\(a) names no personal outcome"
    }
    func actionEmptyOutcomes(_ a: String) -> String {
        cy ? "Mae rhestr outcomes \(a) yn wag" : "\(a) has an empty outcomes list"
    }
    func actionUnknownOnly(_ a: String, _ ids: [String]) -> String {
        if cy {
            return ids.count == 1 ? "Dim ond \(ids[0]) mae \(a) yn ei enwi, a dydy hwnnw ddim yn ganlyniad personol yn y cynllun hwn"
                                  : "Dim ond \(list(ids)) mae \(a) yn eu henwi, a dydyn nhw ddim yn ganlyniadau personol yn y cynllun hwn"
        }
        return "\(a) names only \(list(ids)), which \(ids.count == 1 ? "is not a personal outcome" : "are not personal outcomes") of this plan"
    }
    func actionAlsoUnknown(_ i: Int, _ ids: [String]) -> String {
        if cy {
            return "Mae actions[\(i)] hefyd yn enwi \(list(ids)), \(ids.count == 1 ? "nad yw'n ganlyniad personol" : "nad ydyn nhw'n ganlyniadau personol") yn y cynllun hwn"
        }
        return "actions[\(i)] also names \(list(ids)), which \(ids.count == 1 ? "is not a personal outcome" : "are not personal outcomes") of this plan"
    }
    func promptActionUnlinked(_ i: Int, _ q: String, service: Bool) -> String {
        stop + (cy ? "pa ganlyniad personol mae actions[\(i)] \"\(q)\" yn ei wasanaethu?" + (service ? " Modd o gyrraedd nod yw gwasanaeth, nid nod ynddo'i hun." : "")
                   : "which personal outcome does actions[\(i)] \"\(q)\" serve?" + (service ? " A service is a means to an end." : ""))
    }
    func promptActionUnknown(_ i: Int, _ q: String, _ ids: [String]) -> String {
        stop + (cy ? "mae actions[\(i)] \"\(q)\" yn cyfeirio at \(list(ids)), sydd ddim yn y cynllun hwn. Pa ganlyniad personol mae'n ei wasanaethu?"
                   : "actions[\(i)] \"\(q)\" points to \(list(ids)), which \(ids.count == 1 ? "is" : "are") not in this plan. Which personal outcome does it serve?")
    }
    var promptNoActions: String {
        stop + (cy ? "pwy fydd yn gwneud beth — y person, y teulu, y rhwydwaith, y gymuned neu wasanaeth — tuag at bob canlyniad personol?"
                   : "who will do what — the person, family, network, community or a service — towards each personal outcome?")
    }

    // MARK: 5. Scoring

    var noOutcomesToScore: String { cy ? "Does dim canlyniadau personol i'w sgorio" : "there are no personal outcomes to score" }
    var noScores: String { cy ? "Does dim sgorau yn y cynllun" : "the plan has no scores" }
    func allBaselines(_ ids: [String]) -> String {
        cy ? "Mae gan bob canlyniad personol sgôr llinell sylfaen (\(list(ids)))"
           : "every personal outcome has a baseline score (\(list(ids)))"
    }
    func someBaselines(_ have: [String], _ missing: [String]) -> String {
        cy ? "Mae gan \(list(have)) sgôr llinell sylfaen; does dim gan \(list(missing))"
           : "\(list(have)) \(have.count == 1 ? "has" : "have") a baseline score; \(list(missing)) \(missing.count == 1 ? "has" : "have") none"
    }
    var noBaselines: String { cy ? "Does gan yr un canlyniad personol sgôr llinell sylfaen" : "no personal outcome has a baseline score" }
    func reviewOnly(_ ids: [String]) -> String {
        cy ? "Dim ond sgorau adolygu sydd gan \(list(ids)), a dydy'r rheini ddim yn cyfrif fel llinell sylfaen"
           : "\(list(ids)) \(ids.count == 1 ? "has" : "have") only review scores, which do not count as a baseline"
    }
    func outOfScale(_ id: String, _ value: Int) -> String {
        cy ? "Mae'r sgôr llinell sylfaen \(value) ar gyfer \(id) y tu allan i'r raddfa 1–10"
           : "the baseline score \(value) for \(id) is outside the scale 1–10"
    }
    func promptBaselines(_ ids: [String]) -> String {
        stop + (cy ? "cytunwch ar sgôr llinell sylfaen gyda'r person ar gyfer \(list(ids)): ble maen nhw nawr, rhwng 1 a 10?"
                   : "agree a baseline score with the person for \(list(ids)): where are they now, from 1 to 10?")
    }
    func promptBaseline(_ id: String, _ q: String) -> String {
        stop + (cy ? "cytunwch ar sgôr llinell sylfaen gyda'r person ar gyfer \(id) \"\(q)\": ble maen nhw nawr, rhwng 1 a 10?"
                   : "agree a baseline score with the person for \(id) \"\(q)\": where are they now, from 1 to 10?")
    }

    // MARK: Signals

    func promptReadability(_ wordsPerSentence: Double) -> String {
        let w = Int(wordsPerSentence.rounded())
        return stop + (cy ? "mae brawddegau'r copi i'r person yn hir (\(w) gair ar gyfartaledd). Bydd brawddegau byrrach a geiriau bob dydd yn ei gwneud yn haws ei ddarllen."
                          : "the sentences in the copy shared with the person are long (\(w) words on average). Shorter sentences and everyday words will make it easier to read.")
    }
}
