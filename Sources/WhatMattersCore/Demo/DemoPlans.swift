import Foundation

/// Plans for the demo authority, of the quality each person's `planQuality` asks for:
/// exemplary, deficit-led, task-like outcomes, missing scores or unlinked services. Welsh
/// for people who chose Welsh. Deterministic: drawn from the authority's seed through
/// `randomSource(forPerson:stream:)`, so adding plans changes nothing else.
public enum DemoPlans {
    /// Text in both languages.
    struct T { let en: String; let cy: String; func s(_ welsh: Bool) -> String { welsh ? cy : en } }

    struct OutcomeTemplate {
        let text: T
        let why: T
        let national: [NationalOutcome]
        let strength: (T, StrengthSource)
        let action: (T, ActionBy)
    }

    static let adults: [OutcomeTemplate] = [
        OutcomeTemplate(text: T(en: "I want to get back to chapel on Sundays and see my friends.", cy: "Dw i eisiau mynd yn ôl i'r capel ar y Sul a gweld fy ffrindiau."),
                        why: T(en: "It's where my friends are.", cy: "Yno mae fy ffrindiau."), national: [.relationships, .socialAndEconomicWellbeing],
                        strength: (T(en: "Friends from chapel have offered lifts on Sunday mornings.", cy: "Mae ffrindiau o'r capel wedi cynnig lifft ar fore Sul."), .network),
                        action: (T(en: "Chapel friends to take turns giving a lift on Sunday mornings.", cy: "Ffrindiau o'r capel i roi lifft bob yn ail fore Sul."), .network)),
        OutcomeTemplate(text: T(en: "I want to stay in my own home and keep my garden going.", cy: "Dw i eisiau aros yn fy nghartref fy hun a chadw'r ardd i fynd."),
                        why: T(en: "This is my house and I have lived here all my married life.", cy: "Dyma fy nhŷ i, a dw i wedi byw yma ar hyd fy mywyd priodasol."),
                        national: [.suitabilityOfAccommodation, .controlOverDayToDayLife],
                        strength: (T(en: "A volunteer gardening group helps with the heavy jobs.", cy: "Mae grŵp garddio gwirfoddol yn helpu gyda'r gwaith trwm."), .community),
                        action: (T(en: "Contact the community gardening group about the heavy digging.", cy: "Cysylltu â grŵp garddio'r gymuned am y palu trwm."), .family)),
        OutcomeTemplate(text: T(en: "I want to feel steady on my feet and not be frightened of falling.", cy: "Dw i eisiau teimlo'n sicr ar fy nhraed a pheidio ag ofni cwympo."),
                        why: T(en: "I don't want to stop going out.", cy: "Dw i ddim eisiau rhoi'r gorau i fynd allan."), national: [.healthAndEmotionalWellbeing],
                        strength: (T(en: "Determined, and walks to the shop most days.", cy: "Yn benderfynol, ac yn cerdded i'r siop y rhan fwyaf o ddyddiau."), .person),
                        action: (T(en: "Join the strength and balance class at the leisure centre.", cy: "Ymuno â'r dosbarth cryfder a chydbwysedd yn y ganolfan hamdden."), .person)),
        OutcomeTemplate(text: T(en: "I want to get to town on the bus on my own again.", cy: "Dw i eisiau gallu mynd i'r dre ar y bws ar fy mhen fy hun eto."),
                        why: T(en: "A good day is a paper, a coffee and a chat in town.", cy: "Diwrnod da yw papur, paned a sgwrs yn y dre."), national: [.controlOverDayToDayLife],
                        strength: (T(en: "Knows the bus drivers and the café staff well.", cy: "Yn adnabod gyrwyr y bws a staff y caffi yn dda."), .community),
                        action: (T(en: "Practise the bus journey together twice, then alone.", cy: "Ymarfer y daith fws gyda'n gilydd ddwywaith, yna ar ei ben ei hun."), .practitioner)),
    ]

    static let children: [OutcomeTemplate] = [
        OutcomeTemplate(text: T(en: "I want to play football with my friends after school.", cy: "Dw i eisiau chwarae pêl-droed gyda fy ffrindiau ar ôl ysgol."),
                        why: T(en: "It's the best part of my week.", cy: "Dyna'r rhan orau o fy wythnos."), national: [.educationTrainingAndRecreation, .relationships],
                        strength: (T(en: "The school football coach knows the family well.", cy: "Mae hyfforddwr pêl-droed yr ysgol yn adnabod y teulu'n dda."), .community),
                        action: (T(en: "The coach to save a place in the Tuesday club.", cy: "Yr hyfforddwr i gadw lle yn y clwb nos Fawrth."), .community)),
        OutcomeTemplate(text: T(en: "I want to feel safe at home.", cy: "Dw i eisiau teimlo'n ddiogel gartref."),
                        why: T(en: "I get scared when there is shouting.", cy: "Dw i'n ofnus pan fydd gweiddi."), national: [.protectionFromAbuseAndNeglect, .welfare],
                        strength: (T(en: "Mum wants things to be calmer and has asked for help.", cy: "Mae Mam eisiau i bethau fod yn dawelach ac wedi gofyn am help."), .family),
                        action: (T(en: "Mum to go to the parenting group on Thursdays.", cy: "Mam i fynd i'r grŵp rhianta ar ddydd Iau."), .family)),
        OutcomeTemplate(text: T(en: "I want to be able to talk so people understand me.", cy: "Dw i eisiau gallu siarad fel bod pobl yn fy neall i."),
                        why: T(en: "I get cross when nobody knows what I mean.", cy: "Dw i'n gwylltio pan nad oes neb yn gwybod beth dw i'n ei feddwl."),
                        national: [.development],
                        strength: (T(en: "Loves books and pointing at pictures.", cy: "Wrth ei bodd gyda llyfrau ac yn pwyntio at luniau."), .person),
                        action: (T(en: "Speech and language therapy sessions at nursery.", cy: "Sesiynau therapi lleferydd ac iaith yn y feithrinfa."), .partnerAgency)),
    ]

    static let carers: [OutcomeTemplate] = [
        OutcomeTemplate(text: T(en: "I want an evening a week to myself, to go to choir.", cy: "Dw i eisiau noson yr wythnos i mi fy hun, i fynd i'r côr."),
                        why: T(en: "It keeps me going.", cy: "Mae'n fy nghadw i fynd."), national: [.healthAndEmotionalWellbeing, .socialAndEconomicWellbeing],
                        strength: (T(en: "A neighbour has offered to sit with them on Wednesday evenings.", cy: "Mae cymydog wedi cynnig eistedd gyda nhw ar nos Fercher."), .network),
                        action: (T(en: "The neighbour to sit in on Wednesday evenings.", cy: "Y cymydog i eistedd gyda nhw ar nos Fercher."), .network)),
        OutcomeTemplate(text: T(en: "I want to keep working part time.", cy: "Dw i eisiau dal ati i weithio'n rhan-amser."),
                        why: T(en: "Work is mine, and we need the money.", cy: "Fy ngwaith i yw e, ac mae angen yr arian arnon ni."), national: [.participationInWork, .socialAndEconomicWellbeing],
                        strength: (T(en: "An understanding employer who allows flexible hours.", cy: "Cyflogwr deallgar sy'n caniatáu oriau hyblyg."), .community),
                        action: (T(en: "Ask the employer about a carer's flexible working plan.", cy: "Gofyn i'r cyflogwr am gynllun gweithio hyblyg i ofalwyr."), .person)),
    ]

    static let deficitWhatMatters = T(en: "Poor mobility and at high risk of falls. Needs support with personal care and meals. Diagnosed with dementia; lacks insight.",
                                      cy: "Symudedd gwael ac mewn perygl mawr o gwympo. Angen cymorth gyda gofal personol a phrydau bwyd. Diagnosis o ddementia; diffyg dirnadaeth.")
    static let deficitOutcomes = [T(en: "Needs help with personal care.", cy: "Angen help gyda gofal personol."),
                                  T(en: "Requires a package of domiciliary care.", cy: "Angen pecyn gofal cartref.")]
    static let taskOutcomes = [T(en: "To attend the day centre twice weekly.", cy: "Mynychu'r ganolfan ddydd ddwywaith yr wythnos."),
                               T(en: "Domiciliary care package to be put in place.", cy: "Rhoi pecyn gofal cartref yn ei le."),
                               T(en: "Referral to occupational therapy to be completed.", cy: "Cwblhau atgyfeiriad at therapi galwedigaethol.")]
    static let serviceAction = T(en: "Domiciliary care, two calls a day.", cy: "Gofal cartref, dwy alwad y dydd.")

    /// The plan of `person`, or nil for people who have none (`planQuality == .none`).
    public static func plan(for person: DemoPerson, in authority: DemoAuthority) -> CarePlan? {
        guard person.planQuality != .none else { return nil }
        var r = authority.randomSource(forPerson: person.index, stream: "plan")
        let welsh = person.details.preferredLanguage == .cy
        let language: Locale2 = welsh ? .cy : .en
        let service = person.details.service
        let first = person.details.name.split(separator: " ").first.map(String.init) ?? person.details.name
        let agreedConversation = person.conversations.last { $0.whatHappenedNext == .planAgreed } ?? person.conversations.last
        let date = agreedConversation?.date ?? authority.asOf
        var plan = CarePlan.new(documentID: "demo-\(person.id.uuidString.lowercased())", service: service, language: language)
        if let c = agreedConversation {
            plan.documentConversations = [PlanDocument.Conversation(date: c.date, kind: c.kind, with: c.participants,
                                                                    notes: [c.whatMatters, c.narrative].filter { !$0.isEmpty }.joined(separator: "\n\n"))]
        }
        let whose: Whose = service == .children ? .child : service == .carers ? .carer : .person
        let bank = service == .children ? children : service == .carers ? carers : adults
        let chosen = r.shuffled(bank).prefix(min(bank.count, 2 + r.int(in: 0...1)))

        switch person.planQuality {
        case .deficitLed:
            // The conversation never made it into the plan: only needs and services did.
            plan.documentConversations = nil
            plan.whatMatters = deficitWhatMatters.s(welsh)
            plan.outcomes = deficitOutcomes.enumerated().map { i, t in
                PersonalOutcomeItem(id: "o\(i + 1)", statement: t.s(welsh), whose: .practitioner, importance: .importantFor,
                                    nationalOutcomes: [.healthAndEmotionalWellbeing])
            }
            plan.analysis.worries = [Worry(id: "w1", description: welsh ? "Risg uchel o gwympo a hunan-esgeulustod." : "High risk of falls and self-neglect.",
                                           raisedBy: .practitioner)]
            plan.analysis.summary = welsh ? "Mae angen pecyn gofal i reoli'r risgiau." : "A package of care is needed to manage the risks."
            plan.actions = [ActionItem(id: "a1", description: serviceAction.s(welsh), by: .service, outcomeIDs: [], status: .planned, isService: true,
                                       service: ServiceDetails(type: welsh ? "Gofal cartref" : "Domiciliary care", hoursPerWeek: 7, weeklyCostPence: 17_500))]
            return plan
        default:
            break
        }

        // The genuine parts, shared by the other qualities.
        plan.whatMatters = agreedConversation?.whatMatters ?? chosen.first!.text.s(welsh)
        if person.planQuality == .taskLikeOutcomes {
            plan.outcomes = r.shuffled(taskOutcomes).prefix(2).enumerated().map { i, t in
                PersonalOutcomeItem(id: "o\(i + 1)", statement: t.s(welsh), whose: .practitioner, importance: .importantFor,
                                    nationalOutcomes: [.healthAndEmotionalWellbeing])
            }
        } else {
            plan.outcomes = chosen.enumerated().map { i, o in
                PersonalOutcomeItem(id: "o\(i + 1)", statement: o.text.s(welsh), whose: whose, importance: .importantTo,
                                    whyItMatters: o.why.s(welsh), nationalOutcomes: o.national, status: .active)
            }
        }
        plan.strengths = chosen.enumerated().map { i, o in
            StrengthItem(id: "s\(i + 1)", description: o.strength.0.s(welsh), source: o.strength.1,
                         outcomeIDs: person.planQuality == .taskLikeOutcomes ? [] : ["o\(i + 1)"])
        }
        plan.strengths.append(StrengthItem(id: "s\(plan.strengths.count + 1)",
                                           description: welsh ? "\(first) yn gwybod yn union beth sy'n bwysig." : "\(first) knows exactly what matters.",
                                           source: .person))
        let relations = welsh ? ["merch", "mab", "cymydog", "ffrind"] : ["daughter", "son", "neighbour", "friend"]
        let names = ["Siân", "Dafydd", "Mair", "Gareth", "Eleri", "Tom"]
        plan.importantPeople = (0..<(1 + r.int(in: 1...2))).map { i in
            ImportantPersonItem(id: "p\(i + 1)", name: names[(i + r.int(in: 0...5)) % names.count], relationship: relations[i % relations.count],
                                connection: r.weighted([(Connection.strong, 4.0), (.moderate, 3), (.weak, 1), (.stressful, 1)]),
                                direction: r.weighted([(SupportDirection.toPerson, 3.0), (.bothWays, 2), (.fromPerson, 1)]),
                                gives: r.chance(0.5) ? [.practical, .emotional] : [.social])
        }
        plan.analysis.workingWell = welsh ? "Mae teulu a ffrindiau \(first) yn agos ac yn barod i helpu." : "\(first)'s family and friends are close and ready to help."
        plan.analysis.worries = [
            Worry(id: "w1", description: welsh ? "Mae'r ymarferydd yn poeni am unigrwydd yn ystod yr wythnos." : "The practitioner is worried about loneliness during the week.",
                  raisedBy: .practitioner),
            Worry(id: "w2", description: welsh ? "\(first) yn poeni am fod yn faich ar y teulu." : "\(first) worries about being a burden on the family.",
                  raisedBy: .person),
        ]
        plan.analysis.needsToHappen = welsh ? "Cefnogi \(first) i wneud mwy o'r hyn sy'n bwysig, gyda help y teulu a'r gymuned." :
            "Support \(first) to do more of what matters, with help from family and community."
        plan.analysis.personView = welsh ? "Dw i eisiau gwneud pethau drosof fy hun cyn belled ag y galla i." : "I want to do things for myself as far as I can."
        plan.analysis.familyView = welsh ? "Rydyn ni eisiau helpu, ond rydyn ni'n poeni pan fydd ar ei ben ei hun." : "We want to help, but we worry when they are on their own."
        plan.analysis.summary = welsh ?
            "Mae'r ymarferydd yn poeni am unigrwydd, ac mae \(first) a'r teulu'n cytuno bod angen mwy o gwmni. Gan bwyso a mesur y ddau safbwynt, bydd ffrindiau, y gymuned ac ychydig o gymorth yn lleihau'r risg ac yn rhoi'r hyn sy'n bwysig i \(first)." :
            "The practitioner is worried about loneliness, and \(first) and the family agree more company is needed. Weighing both views, friends, the community and a little support will reduce the risk while giving \(first) what matters to them."
        let linked = person.planQuality != .taskLikeOutcomes
        plan.actions = chosen.enumerated().map { i, o in
            ActionItem(id: "a\(i + 1)", description: o.action.0.s(welsh), by: o.action.1, outcomeIDs: linked ? ["o\(i + 1)"] : [],
                       byWhen: nil, status: .planned, isService: false)
        }
        if person.planQuality == .unlinkedServices || person.planQuality == .taskLikeOutcomes || r.chance(0.4) {
            plan.actions.append(ActionItem(id: "a\(plan.actions.count + 1)", description: serviceAction.s(welsh), by: .service,
                                           outcomeIDs: person.planQuality == .exemplary || person.planQuality == .missingScores ? ["o1"] : [],
                                           status: .planned, isService: true,
                                           service: ServiceDetails(type: welsh ? "Gofal cartref" : "Domiciliary care", hoursPerWeek: 3.5,
                                                                   weeklyCostPence: 8_750)))
        }
        if person.planQuality != .missingScores && person.planQuality != .taskLikeOutcomes {
            plan.scores = plan.outcomes.enumerated().map { i, o in
                ScoreEntry(id: "sc\(i + 1)", outcomeID: o.id, date: date, kind: .baseline, value: r.int(in: 2...5), scoredBy: .jointly)
            }
        } else if person.planQuality == .missingScores, plan.outcomes.count > 1 {
            // One baseline given, the rest missing.
            plan.scores = [ScoreEntry(id: "sc1", outcomeID: "o1", date: date, kind: .baseline, value: r.int(in: 2...5), scoredBy: .person)]
        }
        if service == .children && person.planQuality == .exemplary {
            plan.childsVoice = ChildsVoice(words: chosen.first!.text.s(welsh), howHeard: [r.pick([HowHeard.directly, .wordsAndPictures])])
        }
        if person.planQuality == .exemplary {
            plan.agreement = Agreement(date: date, by: service == .children ? .parent : .person, how: .inPerson)
        }
        return plan
    }
}
