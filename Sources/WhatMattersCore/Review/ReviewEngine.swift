import Foundation

/// How a personal outcome statement reads.
enum OutcomeKind: Equatable {
    case genuine
    /// A need ("needs support with…", "help with shopping").
    case need
    /// A task ("to attend…", "to be completed by…").
    case task
    /// A service ("domiciliary care twice daily").
    case service
    /// Neither an aim nor anything about the person's life ("mobility").
    case noAim
}

extension PracticeReview {
    /// Reviews `plan` against the five criteria of `PRACTICE-REVIEW.md`, with reasons and
    /// prompts in `language`. Deterministic: the same plan and lexicon always give the same
    /// review. For many plans on one thread, a `PracticeReviewer` reuses its buffers.
    public init(of plan: PlanDocument, language: ReviewLanguage = .en, lexicon: Lexicon = .bundled) {
        self = PracticeReviewer(lexicon: lexicon).review(plan, language: language)
    }
}

/// Reviews plans one after another, reusing its text buffers. Not for sharing between
/// threads: give each thread (or request) its own; they are cheap.
public final class PracticeReviewer {
    public let lexicon: PracticeReview.Lexicon
    private let scanner = TextScanner()

    public init(lexicon: PracticeReview.Lexicon = .bundled) { self.lexicon = lexicon }

    public func review(_ plan: PlanDocument, language: ReviewLanguage = .en) -> PracticeReview {
        var run = ReviewRun(plan: plan, lexicon: lexicon.compiled(for: plan.language), scanner: scanner,
                            wording: ReviewWording(language))
        return run.review()
    }
}

// Category bits, by list.
private let bFirstPerson = LexiconList.firstPerson.bit
private let bPronoun = LexiconList.pronoun.bit
private let bFamily = LexiconList.familyRole.bit
private let bProfessional = LexiconList.professionalRole.bit
private let bPerspective = LexiconList.perspective.bit
private let bReported = LexiconList.reported.bit
private let bViewpoint = LexiconList.viewpoint.bit
private let bDeficit = LexiconList.deficit.bit
private let bNeed = LexiconList.need.bit
private let bNeedHead = LexiconList.needHead.bit
private let bService = LexiconList.service.bit
private let bTask = LexiconList.task.bit
private let bAim = LexiconList.aim.bit
private let bQuality = LexiconList.strengthQuality.bit
private let bSupport = LexiconList.strengthSupport.bit
private let bNegation = LexiconList.negation.bit
private let bProView = LexiconList.professionalView.bit
private let bNotSubstantive = LexiconList.notSubstantive.bit
private let bThemes = LexiconList.allThemes
private let bRelationships = LexiconList.themeBit(.relationships)
private let bSubjects = bFirstPerson | bPronoun | bFamily | bProfessional
private let bDeficitLike = bDeficit | bNeed | bNeedHead | bService | bTask

/// One review in progress.
struct ReviewRun {
    let plan: PlanDocument
    let lexicon: CompiledLexicon
    let scanner: TextScanner
    let t: ReviewWording
    let welsh: Bool

    var criteria: [PracticeReview.CriterionResult] = []
    var prompts: [PracticeReview.Prompt] = []
    var deficitOnlySentences = 0
    var childVoice = false
    var personViewSubstantive: Bool? = nil
    var strengthsRecorded = PracticeReview.StrengthsBySource()
    var familyViewSubstantive: Bool? = nil

    init(plan: PlanDocument, lexicon: CompiledLexicon, scanner: TextScanner, wording: ReviewWording) {
        self.plan = plan; self.lexicon = lexicon; self.scanner = scanner; self.t = wording
        self.welsh = plan.language == .cy
        scanner.readabilityWords = 0; scanner.readabilitySyllables = 0; scanner.readabilitySentences = 0
        strengthsRecorded = strengthsBySource()
        criteria.reserveCapacity(5)
        prompts.reserveCapacity(8)
    }

    mutating func review() -> PracticeReview {
        criterionWhatMattersAndStrengths()
        let outcomeSignals = criterionOutcomes()
        criterionAnalysis()
        let actionSignals = criterionActions()
        criterionScoring()
        let readability = readabilitySignal()

        var childVoiceRecorded: Bool? = nil
        if plan.service == .children {
            childVoiceRecorded = childVoice || (plan.personalOutcomes ?? []).contains { $0.whose == .child }
                || substantivePersonView()
            if childVoiceRecorded == false && criteria[0].verdict != .notMet && criteria[0].verdict != .partly {
                prompts.append(.init(text: t.promptChildVoice, criterion: nil, field: "/whatMatters"))
            }
        }
        if let wps = readability.wordsPerSentence, wps > 25, readability.words >= 30 {
            prompts.append(.init(text: t.promptReadability(wps), criterion: nil, field: "/whatMatters"))
        }
        let signals = PracticeReview.Signals(
            ownWordsOutcomes: outcomeSignals.ownWords, taskLikeOutcomes: outcomeSignals.taskLike,
            deficitOnlySentences: deficitOnlySentences, strengthsBySource: strengthsRecorded,
            actionsBy: actionSignals.by, serviceActionShare: actionSignals.share,
            childVoiceRecorded: childVoiceRecorded, readability: readability)
        return PracticeReview(plan: plan.id, criteria: criteria, signals: signals, prompts: prompts)
    }

    // MARK: - Helpers

    /// A short quotation: the text up to about 90 characters, cut at a word, with "…".
    func quote(_ text: String) -> String { Quotation.make(text) }

    func isBlank(_ s: String?) -> Bool {
        guard let s else { return true }
        for b in s.utf8 where !(b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09) {
            // Non-breaking and other Unicode spaces are rare: ask Character only then.
            if b < 0x80 { return false }
            return s.allSatisfy { $0.isWhitespace }
        }
        return true
    }

    /// Calls `body` with the first token of each run of tokens carrying any of `bits` in
    /// sentence `s`, until `body` returns false.
    @inline(__always)
    func forEachRunStart(_ s: Sentence, _ bits: UInt64, _ body: (Int) -> Bool) {
        let first = Int(s.firstToken), end = Int(s.endToken)
        scanner.masks.withUnsafeBufferPointer { masks in
            var i = first
            while i < end {
                if masks[i] & bits != 0 && (i == first || masks[i - 1] & bits == 0) {
                    if !body(i) { return }
                }
                i += 1
            }
        }
    }

    /// True when a view carries something of substance: at least two words that are not a
    /// placeholder such as "n/a" or "not known".
    mutating func substantivePersonView() -> Bool {
        if let known = personViewSubstantive { return known }
        personViewSubstantive = substantive(plan.views?.person)
        return personViewSubstantive!
    }

    mutating func substantiveFamilyView() -> Bool {
        if let known = familyViewSubstantive { return known }
        familyViewSubstantive = substantive(plan.views?.family)
        return familyViewSubstantive!
    }

    func substantive(_ text: String?) -> Bool {
        guard let text, !isBlank(text) else { return false }
        // Placeholders ("n/a", "not known", "dim barn") are short: a view of more than eight
        // words says something, without looking it up.
        var words = 0, inWord = false
        for b in text.utf8 {
            let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 || (b >= 0x30 && b <= 0x39)
            if letter && !inWord { words += 1; if words > 8 { return true } }
            inWord = letter
        }
        scanner.scan(text, lexicon: lexicon, welsh: welsh)
        var meaningful = 0
        for m in scanner.masks where m & bNotSubstantive == 0 { meaningful += 1 }
        return meaningful >= 2
    }

    // MARK: - 1. What matters and strengths

    enum Perspective: Int, Comparable {
        case mediated = 1, reported = 2, own = 3
        static func < (a: Perspective, b: Perspective) -> Bool { a.rawValue < b.rawValue }
    }

    /// The strongest evidence of the person's own perspective in sentence `s`.
    func perspective(in s: Sentence, firstPersonIsThePerson: Bool, allowMediated: Bool) -> Perspective? {
        if s.quotedMask & bFirstPerson != 0 && s.quotedMask & bDeficitLike == 0 { return .own }
        if s.quotedMask & bPerspective != 0 { return .own }
        guard s.mask & bPerspective != 0 else { return nil }
        var best: Perspective? = nil
        forEachRunStart(s, bPerspective) { i in
            if scanner.tokens[i].flags & Token.quoted != 0 { best = .own; return false }
            let subject = scanner.subjectBefore(i, classes: bSubjects, skip: bReported | bPerspective)
            if subject & bProfessional != 0 { return true }
            if subject & bFamily != 0 && subject & (bPronoun | bFirstPerson) == 0 {
                if allowMediated { best = max(best ?? .mediated, .mediated) }
                return true
            }
            if subject & bFirstPerson != 0 {
                if firstPersonIsThePerson { best = .own; return false }
                return true
            }
            best = .reported
            return true
        }
        return best
    }

    /// True when sentence `s` describes a strength or resource plainly.
    func describesStrength(_ s: Sentence) -> Bool {
        guard s.mask & (bQuality | bSupport) != 0 else { return false }
        let masks = scanner.masks
        let first = Int(s.firstToken)
        var found = false
        forEachRunStart(s, bQuality | bSupport) { i in
            var j = i - 1
            while j >= first && j >= i - 2 {
                if masks[j] & bNegation != 0 { return true }
                j -= 1
            }
            if masks[i] & bQuality != 0 || s.mask & (bProfessional | bService) == 0 { found = true; return false }
            return true
        }
        return found
    }

    mutating func criterionWhatMattersAndStrengths() {
        var reasons: [String] = []
        let communication = plan.person?.communication
        let allowMediated = plan.service == .children || communication == .withoutWords || communication == .limited
            || (plan.person?.ageYears ?? 99) < 18

        struct Found { var kind: Perspective; var field: String; var quote: String }
        var best: Found? = nil
        var failures: [String] = []
        var strengthFound: (field: String, quote: String)? = nil
        var anyText = false

        // The What Matters record: whatMatters and the notes of What Matters conversations.
        var texts: [(index: Int, text: String, isWhatMatters: Bool)] = []
        if let wm = plan.whatMatters, !isBlank(wm) { texts.append((-1, wm, true)) }
        for (i, c) in (plan.conversations ?? []).enumerated() where c.kind == .whatMatters && !isBlank(c.notes) {
            texts.append((i, c.notes, false))
        }
        for textItem in texts {
            anyText = true
            let t = self.t
            var item: (label: String, text: String, isWhatMatters: Bool) {
                (textItem.isWhatMatters ? "whatMatters" : t.field("conversations[\(textItem.index)].notes", whatMattersConversation: true),
                 textItem.text, textItem.isWhatMatters)
            }
            scanner.scan(textItem.text, lexicon: lexicon, welsh: welsh, readability: textItem.isWhatMatters)
            var fieldBest: Found? = nil
            var firstDeficit: String? = nil
            for s in scanner.sentences {
                let p = perspective(in: s, firstPersonIsThePerson: textItem.isWhatMatters, allowMediated: allowMediated)
                if let p, p > (fieldBest?.kind ?? .mediated) || fieldBest == nil {
                    fieldBest = Found(kind: p, field: item.label, quote: scanner.quote(of: s))
                }
                let strength = describesStrength(s)
                if strength && strengthFound == nil { strengthFound = (item.label, scanner.quote(of: s)) }
                if p == nil && !strength && s.mask & bDeficitLike != 0 && s.mask & bPerspective == 0 {
                    deficitOnlySentences += 1
                    if firstDeficit == nil { firstDeficit = scanner.quote(of: s) }
                }
            }
            if let f = fieldBest {
                if best == nil || f.kind > best!.kind { best = f }
                if f.kind >= .reported { childVoice = true }
            } else if let q = firstDeficit {
                failures.append(t.onlyDeficits(item.label, q))
            } else {
                failures.append(t.noPerspective(item.label))
            }
        }

        // Strengths described plainly anywhere else in the record.
        if strengthFound == nil {
            var others: [(String, String)] = []
            for (i, c) in (plan.conversations ?? []).enumerated() where c.kind != .whatMatters && !isBlank(c.notes) {
                others.append(("conversations[\(i)].notes", c.notes))
            }
            if let v = plan.views?.person, !isBlank(v) { others.append(("views.person", v)) }
            if let v = plan.views?.family, !isBlank(v) { others.append(("views.family", v)) }
            search: for (label, text) in others {
                scanner.scan(text, lexicon: lexicon, welsh: welsh)
                for s in scanner.sentences where describesStrength(s) {
                    strengthFound = (label, scanner.quote(of: s)); break search
                }
            }
        }

        let whatMattersOK = best != nil
        if let best {
            switch best.kind {
            case .own: reasons.append(t.ownWords(best.field, best.quote))
            case .reported: reasons.append(t.reported(best.field, best.quote))
            case .mediated: reasons.append(t.mediated(best.field, best.quote))
            }
        } else if !anyText {
            reasons.append(plan.whatMatters != nil && (plan.conversations ?? []).allSatisfy { $0.kind != .whatMatters }
                           ? t.whatMattersEmpty : t.noWhatMattersAtAll)
        } else {
            reasons.append(contentsOf: failures)
        }

        let recorded = strengthsRecorded
        let strengthsOK = recorded.total > 0 || strengthFound != nil
        if recorded.total > 0 {
            reasons.append(t.strengthsRecorded(recorded))
        } else if let s = strengthFound {
            reasons.append(t.strengthInText(s.field, s.quote))
        } else {
            reasons.append(t.noStrengths)
        }

        let verdict: ReviewVerdict = whatMattersOK && strengthsOK ? .met : (whatMattersOK || strengthsOK ? .partly : .notMet)
        criteria.append(.init(criterion: .whatMattersAndStrengths, verdict: verdict, reasons: reasons))
        if !whatMattersOK {
            prompts.append(.init(text: plan.service == .children ? t.promptWhatMattersChild : t.promptWhatMatters,
                                 criterion: .whatMattersAndStrengths, field: "/whatMatters"))
        }
        if !strengthsOK {
            prompts.append(.init(text: t.promptStrengths, criterion: .whatMattersAndStrengths, field: "/strengths"))
        }
    }

    func strengthsBySource() -> PracticeReview.StrengthsBySource {
        var b = PracticeReview.StrengthsBySource()
        for s in plan.strengths ?? [] where !isBlank(s.description) {
            switch s.source {
            case .person: b.person += 1
            case .family: b.family += 1
            case .network: b.network += 1
            case .community: b.community += 1
            case nil: b.unspecified += 1
            }
        }
        return b
    }

    // MARK: - 2. Outcomes

    /// Classifies the statement just scanned.
    func classifyOutcome() -> (kind: OutcomeKind, themes: UInt64) {
        let masks = scanner.masks
        let tokens = scanner.tokens
        guard !masks.isEmpty else { return (.noAim, 0) }
        var all: UInt64 = 0
        var themesOutsideService: UInt64 = 0
        var needAtHead = false
        var aimSoFar = false
        for (i, m) in masks.enumerated() {
            all |= m
            if m & bService == 0 { themesOutsideService |= m & bThemes }
            // "Needs…", "He needs…", "Support to…" state a need; "To help out at chapel" does not.
            if i < 3 && m & bNeedHead != 0 && !aimSoFar { needAtHead = true }
            if m & bAim != 0 { aimSoFar = true }
            // A name (Connor, Mair) in the statement speaks of a relationship.
            if i > 0 && tokens[i].flags & (Token.nameLike | Token.unknown) == (Token.nameLike | Token.unknown)
                && Int(tokens[i].end - tokens[i].start) >= 3 {
                themesOutsideService |= bRelationships
                all |= bRelationships
            }
        }
        let themes = all & bThemes
        let aimish = all & (bAim | bPerspective | bFirstPerson) != 0
        if all & bNeed != 0 || needAtHead { return (.need, themes) }
        if all & bTask != 0 { return (.task, themes) }
        if masks[0] & bService != 0 { return (.service, themes) }
        if all & bService != 0 && !(aimish && themesOutsideService != 0) { return (.service, themes) }
        if !aimish && themes == 0 { return (.noAim, themes) }
        return (.genuine, themes)
    }

    mutating func criterionOutcomes() -> (ownWords: Int, taskLike: Int) {
        var reasons: [String] = []
        let outcomes = plan.personalOutcomes ?? []
        var good = 0, ownWords = 0, taskLike = 0
        var localPrompts: [PracticeReview.Prompt] = []
        for (index, o) in outcomes.enumerated() {
            scanner.scan(o.statement, lexicon: lexicon, welsh: welsh, readability: true)
            let (kind, themes) = classifyOutcome()
            var firstPerson = false
            for m in scanner.masks where m & bFirstPerson != 0 { firstPerson = true; break }
            switch o.whose {
            case .person?, .child?: ownWords += 1
            case .carer? where plan.service == .carers: ownWords += 1
            case nil where firstPerson: ownWords += 1
            default: break
            }
            let q = quote(o.statement)
            if kind != .genuine {
                taskLike += 1
                reasons.append(t.outcomeNotGenuine(o.id, q, kind))
                localPrompts.append(.init(text: t.promptNotGenuine(o.id, q, kind), criterion: .outcomesConsistency,
                                          field: "/personalOutcomes/\(index)/statement"))
                continue
            }
            let links = o.nationalOutcomes ?? []
            if links.isEmpty {
                reasons.append(t.outcomeUnlinked(o.id, q))
                localPrompts.append(.init(text: t.promptUnlinked(o.id, q), criterion: .outcomesConsistency,
                                          field: "/personalOutcomes/\(index)/nationalOutcomes"))
                continue
            }
            var unique: [NationalOutcome] = []
            for link in links where !unique.contains(link) { unique.append(link) }
            let fitting = unique.filter { themes & LexiconList.themeBit($0) != 0 }
            if fitting.isEmpty {
                reasons.append(t.outcomeMisfit(o.id, q, unique.map(\.rawValue)))
                localPrompts.append(.init(text: t.promptMisfit(o.id, q, unique.map(\.rawValue)), criterion: .outcomesConsistency,
                                          field: "/personalOutcomes/\(index)/nationalOutcomes"))
                continue
            }
            good += 1
            reasons.append(t.outcomeFits(o.id, q, fitting.map(\.rawValue)))
        }
        let verdict: ReviewVerdict
        if outcomes.isEmpty {
            verdict = .notMet
            reasons.append(plan.personalOutcomes == nil ? t.noOutcomes : t.outcomesEmpty)
            localPrompts.append(.init(text: t.promptNoOutcomes, criterion: .outcomesConsistency, field: "/personalOutcomes"))
        } else if good == outcomes.count {
            verdict = .met
        } else {
            verdict = good > 0 ? .partly : .notMet
        }
        criteria.append(.init(criterion: .outcomesConsistency, verdict: verdict, reasons: reasons))
        prompts.append(contentsOf: localPrompts)
        return (ownWords, taskLike)
    }

    // MARK: - 3. Balanced analysis

    mutating func criterionAnalysis() {
        var reasons: [String] = []
        var professionalRaisers: [ConcernRaisedBy?] = []
        var personSources: [String] = []
        for c in plan.concerns ?? [] where !isBlank(c.description) {
            switch c.raisedBy {
            case .practitioner?, .partnerAgency?, nil:
                if !professionalRaisers.contains(where: { $0 == c.raisedBy }) { professionalRaisers.append(c.raisedBy) }
            case .person?, .family?: break
            }
        }
        if substantivePersonView() { personSources.append("views.person") }
        if substantiveFamilyView() { personSources.append("views.family") }
        for raiser in [ConcernRaisedBy.person, .family] where (plan.concerns ?? []).contains(where: { $0.raisedBy == raiser && !isBlank($0.description) }) {
            personSources.append(t.concernBy(t.raiserName(raiser)))
        }

        // What the analysis says, from each side.
        var proQuote: String? = nil, personQuote: String? = nil
        let hasAnalysis = !isBlank(plan.analysis)
        if let analysis = plan.analysis, hasAnalysis {
            scanner.scan(analysis, lexicon: lexicon, welsh: welsh)
            for s in scanner.sentences {
                var pro = s.mask & bProView != 0
                var person = false
                forEachRunStart(s, bPerspective | bReported | bViewpoint) { i in
                    // Who is speaking or wanting: a professional, the practitioner ("I", "we"),
                    // the person or family — or several ("Her daughter and I agree").
                    let subjects = scanner.subjectsBefore(i, classes: bSubjects, skip: bPerspective | bReported | bViewpoint)
                    let quoted = scanner.tokens[i].flags & Token.quoted != 0
                    let professional = !quoted && subjects & (bProfessional | bFirstPerson) != 0
                    if professional { pro = true }
                    if !professional || subjects & (bPronoun | bFamily) != 0 { person = true }
                    return true
                }
                if pro && proQuote == nil { proQuote = scanner.quote(of: s) }
                if person && personQuote == nil { personQuote = scanner.quote(of: s) }
            }
        }

        let professionalRecorded = !professionalRaisers.isEmpty || proQuote != nil
        let personRecorded = !personSources.isEmpty
        if !professionalRaisers.isEmpty {
            reasons.append(t.professionalRecorded(professionalRaisers.map { t.raiserName($0) }))
        } else if let q = proQuote {
            reasons.append(t.professionalInAnalysis(q))
        } else {
            reasons.append(t.noProfessional)
        }
        if personRecorded { reasons.append(t.personRecorded(personSources)) } else { reasons.append(t.noPersonView) }

        let verdict: ReviewVerdict
        if professionalRecorded && personRecorded {
            if let p = proQuote, let q = personQuote {
                verdict = .met
                reasons.append(t.analysisWeighsBoth(p, q))
            } else {
                verdict = .partly
                if !hasAnalysis {
                    reasons.append(plan.analysis == nil ? t.noAnalysis : t.analysisEmpty)
                    prompts.append(.init(text: t.promptWriteAnalysis, criterion: .balancedAnalysis, field: "/analysis"))
                } else if let p = proQuote {
                    reasons.append(t.analysisProfessionalOnly(p))
                    prompts.append(.init(text: t.promptAnalysisAddPerson, criterion: .balancedAnalysis, field: "/analysis"))
                } else if let q = personQuote {
                    reasons.append(t.analysisPersonOnly(q))
                    prompts.append(.init(text: t.promptAnalysisAddProfessional, criterion: .balancedAnalysis, field: "/analysis"))
                } else {
                    reasons.append(t.analysisNeither)
                    prompts.append(.init(text: t.promptWriteAnalysis, criterion: .balancedAnalysis, field: "/analysis"))
                }
            }
        } else {
            verdict = .notMet
            if !personRecorded { prompts.append(.init(text: t.promptPersonView, criterion: .balancedAnalysis, field: "/views")) }
            if !professionalRecorded { prompts.append(.init(text: t.promptProfessional, criterion: .balancedAnalysis, field: "/concerns")) }
        }
        criteria.append(.init(criterion: .balancedAnalysis, verdict: verdict, reasons: reasons))
    }

    // MARK: - 4. Actions

    mutating func criterionActions() -> (by: PracticeReview.ActionsBy, share: Double?) {
        var reasons: [String] = []
        let actions = plan.actions ?? []
        let ids = (plan.personalOutcomes ?? []).map(\.id)
        var by = PracticeReview.ActionsBy()
        var services = 0, serving = 0
        var details: [String] = []
        for (i, a) in actions.enumerated() {
            scanner.scan(a.description, lexicon: lexicon, welsh: welsh, match: false, readability: true)
            switch a.by {
            case .person?: by.person += 1
            case .family?: by.family += 1
            case .network?: by.network += 1
            case .community?: by.community += 1
            case .practitioner?: by.practitioner += 1
            case .service?: by.service += 1
            case .partnerAgency?: by.partnerAgency += 1
            case nil: by.unspecified += 1
            }
            let isService = a.isService ?? (a.by == .service)
            if isService { services += 1 }
            let named = a.outcomes ?? []
            var unknown: [String] = []
            for id in named where !ids.contains(id) && !unknown.contains(id) { unknown.append(id) }
            if named.contains(where: { ids.contains($0) }) {
                serving += 1
                if !unknown.isEmpty { details.append(t.actionAlsoUnknown(i, unknown)) }
                continue
            }
            let q = quote(a.description)
            let label = t.actionLabel(i, q, service: isService)
            if a.outcomes == nil {
                details.append(t.actionNoOutcomes(label))
                if !ids.isEmpty {
                    prompts.append(.init(text: t.promptActionUnlinked(i, q, service: isService), criterion: .interventionsMeetOutcomes,
                                         field: "/actions/\(i)/outcomes"))
                }
            } else if named.isEmpty {
                details.append(t.actionEmptyOutcomes(label))
                if !ids.isEmpty {
                    prompts.append(.init(text: t.promptActionUnlinked(i, q, service: isService), criterion: .interventionsMeetOutcomes,
                                         field: "/actions/\(i)/outcomes"))
                }
            } else {
                details.append(t.actionUnknownOnly(label, unknown))
                prompts.append(.init(text: t.promptActionUnknown(i, q, unknown), criterion: .interventionsMeetOutcomes,
                                     field: "/actions/\(i)/outcomes"))
            }
        }
        let verdict: ReviewVerdict
        if actions.isEmpty {
            verdict = .notMet
            reasons.append(plan.actions == nil ? t.noActions : t.actionsEmpty)
            if !ids.isEmpty {
                prompts.append(.init(text: t.promptNoActions, criterion: .interventionsMeetOutcomes, field: "/actions"))
            }
        } else {
            verdict = serving == actions.count ? .met : (serving > 0 ? .partly : .notMet)
            reasons.append(t.actionsServing(serving, actions.count))
            if ids.isEmpty { reasons.append(t.noOutcomesForActions) }
            reasons.append(contentsOf: details)
        }
        criteria.append(.init(criterion: .interventionsMeetOutcomes, verdict: verdict, reasons: reasons))
        let share: Double? = actions.isEmpty ? nil : (Double(services) / Double(actions.count) * 100).rounded() / 100
        return (by, share)
    }

    // MARK: - 5. Scoring

    mutating func criterionScoring() {
        var reasons: [String] = []
        let outcomes = plan.personalOutcomes ?? []
        let scores = plan.scores ?? []
        var baseline: [String] = [], reviewed: [String] = []
        for s in scores {
            if s.kind == .baseline {
                if (1...10).contains(s.score) { baseline.append(s.outcome) } else { reasons.append(t.outOfScale(s.outcome, s.score)) }
            } else {
                reviewed.append(s.outcome)
            }
        }
        let verdict: ReviewVerdict
        if outcomes.isEmpty {
            verdict = .notMet
            reasons.append(t.noOutcomesToScore)
        } else {
            var have: [String] = [], missing: [(Int, PlanDocument.PersonalOutcome)] = []
            for (i, o) in outcomes.enumerated() {
                if baseline.contains(o.id) { if !have.contains(o.id) { have.append(o.id) } } else { missing.append((i, o)) }
            }
            if missing.isEmpty {
                verdict = .met
                reasons.append(t.allBaselines(have))
            } else {
                verdict = have.isEmpty ? .notMet : .partly
                if scores.isEmpty {
                    reasons.append(t.noScores)
                } else if have.isEmpty {
                    reasons.append(t.noBaselines)
                } else {
                    reasons.append(t.someBaselines(have, missing.map(\.1.id)))
                }
                let reviewOnly = missing.map(\.1.id).filter { reviewed.contains($0) }
                if !reviewOnly.isEmpty { reasons.append(t.reviewOnly(reviewOnly)) }
                if have.isEmpty && missing.count > 1 {
                    prompts.append(.init(text: t.promptBaselines(missing.map(\.1.id)), criterion: .scoringComplete, field: "/scores"))
                } else {
                    for (_, o) in missing {
                        prompts.append(.init(text: t.promptBaseline(o.id, quote(o.statement)), criterion: .scoringComplete, field: "/scores"))
                    }
                }
            }
        }
        criteria.append(.init(criterion: .scoringComplete, verdict: verdict, reasons: reasons))
    }

    // MARK: - Readability

    func readabilitySignal() -> PracticeReview.Readability {
        let words = scanner.readabilityWords, sentences = max(scanner.readabilitySentences, words > 0 ? 1 : 0)
        let measure = welsh ? "flesch-reading-ease-cy" : "flesch-reading-ease"
        guard words > 0 else {
            return PracticeReview.Readability(measure: measure, score: nil, words: 0, sentences: 0, wordsPerSentence: nil)
        }
        let wps = Double(words) / Double(sentences)
        let spw = Double(scanner.readabilitySyllables) / Double(words)
        let score = 206.835 - 1.015 * wps - 84.6 * spw
        return PracticeReview.Readability(measure: measure, score: (score * 10).rounded() / 10, words: words,
                                          sentences: sentences, wordsPerSentence: (wps * 10).rounded() / 10)
    }
}
