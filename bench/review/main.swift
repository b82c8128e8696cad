// Practice review throughput (issue 4): generates a deterministic corpus of varied plans in
// memory, reviews them all on one thread and reports plans per second and peak memory.
//
//   swift run -c release review-benchmark [PLANS]      (default 100000)
import Foundation
import WhatMattersCore

/// SplitMix64: small, fast and the same on every machine.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }
    mutating func some<T>(_ items: [T], _ lo: Int, _ hi: Int) -> [T] {
        (0..<(lo + int(hi - lo + 1))).map { _ in pick(items) }
    }
}

struct Phrases {
    let names: [String]
    let family: [String]
    let ownWords: [String]
    let reported: [String]
    let deficits: [String]
    let goodOutcomes: [(String, NationalOutcome)]
    let taskOutcomes: [String]
    let strengths: [String]
    let proConcerns: [String]
    let personConcerns: [String]
    let views: [String]
    let analysisPro: [String]
    let analysisPerson: [String]
    let actions: [String]
    let serviceActions: [String]
}

let english = Phrases(
    names: ["Gwen", "Alan", "Terry", "Mali", "Owain", "Jade", "Kai", "Siân", "Brian", "Nia", "Sam", "Rhys", "Ffion", "Dewi"],
    family: ["her daughter", "his son", "her mum", "his wife", "her partner", "his nan", "her brother"],
    ownWords: ["\"I want to get back to chapel on Sundays and see my friends.\"", "\"I don't want to go into a home; this is my house.\"",
               "\"Boxing's the only thing I'm good at.\"", "\"I just want a proper night's sleep.\"", "\"I miss singing with the choir.\""],
    reported: ["%@ told me that what she misses most is the allotment.", "%@ loves the garden and wants to do the planting herself.",
               "%@ worries about being a burden to the family.", "A good day for %@ is a walk to the shop and a chat.",
               "%@ says he is happiest on the beach with the dog.", "%@ hopes to go back to college in the autumn."],
    deficits: ["Needs assistance with all personal care.", "Unable to manage stairs.", "Requires double-handed care and a hoist.",
               "Poor mobility and right-sided weakness following stroke.", "High risk of falls.", "Unable to prepare meals or manage medication.",
               "Incontinent at night and requires supervision."],
    goodOutcomes: [("To get back to chapel on Sundays with my friends.", .relationships),
                   ("To stay living in my own home and keep my garden going.", .suitabilityOfAccommodation),
                   ("To feel steady on my feet again and not be frightened of falling.", .healthAndEmotionalWellbeing),
                   ("I want to finish school and go to college to be a mechanic.", .educationTrainingAndRecreation),
                   ("To get to the shops and into town on my own.", .controlOverDayToDayLife),
                   ("To have enough money to get by without worrying every week.", .socialAndEconomicWellbeing),
                   ("I want to keep my job at the library.", .participationInWork)],
    taskOutcomes: ["Help with shopping.", "Domiciliary care twice daily.", "OT assessment for bathroom rails.",
                   "Needs support with medication.", "Respite care once a month.", "Mason to attend breakfast club."],
    strengths: ["Her daughter visits every day and wants to help.", "He is a skilled carpenter.", "Friends from chapel have offered to drive her.",
                "A volunteer gardening group meets at the community centre.", "She is determined and knows what she wants."],
    proConcerns: ["The falls team consider her at high risk of another fall.", "There is a risk of low mood if he stays indoors.",
                  "The school is concerned about attendance."],
    personConcerns: ["She worries that she is becoming a burden.", "He is worried he will lose his allotment."],
    views: ["%@ wants to stay at home and get out again.", "%@ would rather take a small risk than stop going out.",
            "The family want %@ to stay at home and are happy to help."],
    analysisPro: ["The falls team's view is that the risk of a fall is high, and I share their concern.",
                  "He has substantial care and support needs and meets the eligibility criteria."],
    analysisPerson: ["%@ is clear that she wants to stay at home and get back to chapel.", "The family want to keep caring for %@ at home."],
    actions: ["Siân to drive her to the strength and balance class.", "Chapel friends to collect her on Sunday mornings.",
              "Social worker to review the plan in eight weeks.", "%@ to join the walking group at the community centre."],
    serviceActions: ["Care & Repair to fit a grab rail at the front door.", "Domiciliary care agency to provide two calls a day.",
                     "Occupational therapy referral for bathroom rails.", "Respiratory nurse to review inhaler technique."])

let welsh = Phrases(
    names: ["Emrys", "Nia", "Elin", "Gareth", "Morfudd", "Aled", "Delyth", "Gwenda", "Iolo", "Catrin", "Dylan", "Heledd"],
    family: ["ei merch", "ei fab", "ei mam", "ei wraig", "ei gŵr", "ei nain"],
    ownWords: ["\"Dw i eisiau mynd yn ôl i ganu gyda'r côr.\"", "\"Dw i'n colli Mam bob dydd.\"", "\"Dw i eisiau aros yn fy nghartref fy hun.\"",
               "\"Yn y gwaith, fi ydw i, nid gofalydd.\""],
    reported: ["Dywedodd %@ wrtha i ei fod yn gweld eisiau'r côr.", "Mae %@ wrth ei bodd yn yr ardd.", "Mae %@ yn poeni am fod yn faich ar y teulu.",
               "Diwrnod da i %@ yw mynd i'r dre ar y bws.", "Mae %@ yn gobeithio mynd yn ôl i'r coleg."],
    deficits: ["Angen cymorth gyda gofal personol.", "Methu â defnyddio'r grisiau.", "Mae angen dau ofalwr a theclyn codi.",
               "Symudedd gwael ar ôl strôc.", "Risg uchel o gwympo.", "Ddim yn gallu paratoi prydau bwyd."],
    goodOutcomes: [("Dw i eisiau mynd yn ôl i ganu gyda'r côr bob nos Fercher.", .educationTrainingAndRecreation),
                   ("Dw i eisiau aros yn fy nghartref fy hun.", .suitabilityOfAccommodation),
                   ("Dw i eisiau cadw fy swydd yn y llyfrgell.", .participationInWork),
                   ("Dw i eisiau gallu mynd i'r dre ar y bws ar fy mhen fy hun eto.", .controlOverDayToDayLife),
                   ("Dw i eisiau i Mam a fi gael amser da gyda'n gilydd.", .relationships),
                   ("I Elin gysgu'n well a bod yn hapus yn yr ysgol eto.", .healthAndEmotionalWellbeing)],
    taskOutcomes: ["Help gyda siopa.", "Gofal cartref ddwywaith y dydd.", "Asesiad therapi galwedigaethol ar gyfer rheiliau.",
                   "Angen cymorth gyda meddyginiaeth."],
    strengths: ["Mae ei merch yn galw bob dydd ac yn fodlon helpu.", "Mae e'n saer medrus.", "Mae aelodau'r côr wedi cynnig lifft iddo.",
                "Mae'r ganolfan gofalwyr leol yn cynnal caffi cof.", "Mae hi'n benderfynol ac yn drefnus."],
    proConcerns: ["Mae'r ffisiotherapydd yn poeni bod risg iddo gwympo eto.", "Mae risg y bydd ei hwyliau'n gostwng."],
    personConcerns: ["Mae hi'n poeni y bydd hi'n colli ei swydd.", "Mae e'n poeni y bydd rhaid iddo roi'r ci i rywun arall."],
    views: ["Mae %@ eisiau aros yn annibynnol a mynd allan eto.", "Mae'r teulu eisiau i %@ aros gartref ac maen nhw'n fodlon helpu."],
    analysisPro: ["Barn y ffisiotherapydd yw bod risg uchel o gwympo, ac rwy'n rhannu'r pryder.", "Mae ganddo anghenion gofal a chymorth sylweddol."],
    analysisPerson: ["Mae %@ yn glir ei bod hi eisiau aros gartref.", "Mae'r teulu eisiau dal ati i ofalu am %@ gartref."],
    actions: ["Delyth i fynd â hi i'r dosbarth cryfder a chydbwysedd.", "Aelodau'r côr i roi lifft iddo bob nos Fercher.",
              "Y gweithiwr cymdeithasol i adolygu'r cynllun ymhen wyth wythnos."],
    serviceActions: ["Gofal a Thrwsio i osod rheilen wrth y drws ffrynt.", "Asiantaeth gofal cartref i ddarparu dwy alwad y dydd.",
                     "Atgyfeiriad i therapi galwedigaethol ar gyfer rheiliau."])

func fill(_ template: String, _ name: String) -> String { template.replacingOccurrences(of: "%@", with: name) }

/// One plan of a given quality profile.
func makePlan(_ index: Int, _ r: inout Random) -> PlanDocument {
    let cy = r.chance(30)
    let p = cy ? welsh : english
    let service: Service = r.pick([.adults, .adults, .children, .carers])
    let profile = r.int(6) // 0 good, 1 deficit-led, 2 task-like outcomes, 3 missing scores, 4 unlinked services, 5 mixed
    let name = r.pick(p.names)

    var whatMatters: [String] = []
    if profile == 1 {
        whatMatters = r.some(p.deficits, 3, 6)
    } else {
        whatMatters.append(r.pick(p.ownWords))
        whatMatters += r.some(p.reported, 1, 3).map { fill($0, name) }
        if r.chance(40) { whatMatters.append(r.pick(p.deficits)) }
    }

    var outcomes: [PlanDocument.PersonalOutcome] = []
    let outcomeCount = 1 + r.int(4)
    for k in 0..<outcomeCount {
        let taskLike = profile == 1 || (profile == 2 && r.chance(70)) || (profile == 5 && r.chance(30))
        if taskLike {
            outcomes.append(.init(id: "o\(k + 1)", statement: r.pick(p.taskOutcomes), whose: .practitioner, importance: .importantFor,
                                  nationalOutcomes: [r.pick(NationalOutcome.allCases)]))
        } else {
            let (statement, fits) = r.pick(p.goodOutcomes)
            let links: [NationalOutcome] = r.chance(85) ? [fits] + (r.chance(30) ? [r.pick(NationalOutcome.allCases)] : [])
                                                        : (r.chance(50) ? [] : [r.pick(NationalOutcome.allCases)])
            outcomes.append(.init(id: "o\(k + 1)", statement: statement, whose: service == .children ? .child : .person,
                                  importance: .importantTo, nationalOutcomes: links))
        }
    }

    let strengths: [PlanDocument.Strength]? = profile == 1 ? nil : r.some(p.strengths, 0, 4).map {
        .init(description: $0, source: r.pick(StrengthSource.allCases))
    }
    var concerns = r.some(p.proConcerns, 1, 2).map { PlanDocument.Concern(description: $0, raisedBy: r.pick([.practitioner, .partnerAgency])) }
    if profile != 1 && r.chance(70) { concerns.append(.init(description: r.pick(p.personConcerns), raisedBy: r.pick([.person, .family]))) }
    let views: PlanDocument.Views? = profile == 1 ? nil : .init(person: fill(r.pick(p.views), name),
                                                                 family: r.chance(50) ? fill(r.pick(p.views), name) : nil)
    var analysis = r.some(p.analysisPro, 1, 2)
    if profile != 1 && r.chance(75) { analysis += r.some(p.analysisPerson, 1, 2).map { fill($0, name) } }

    var actions: [PlanDocument.Action] = []
    for _ in 0..<(2 + r.int(4)) {
        let isService = r.chance(45)
        let description = isService ? r.pick(p.serviceActions) : fill(r.pick(p.actions), name)
        let unlinked = profile == 4 ? r.chance(60) : (profile == 1 ? true : r.chance(10))
        let ids = unlinked ? (r.chance(50) ? nil : (r.chance(50) ? [] : ["o9"])) : [outcomes[r.int(outcomes.count)].id]
        actions.append(.init(description: description, by: isService ? r.pick([.service, .partnerAgency]) : r.pick(ActionBy.allCases),
                             isService: isService, outcomes: ids))
    }

    var scores: [PlanDocument.Score] = []
    if profile != 1 {
        for o in outcomes where !(profile == 3 && r.chance(60)) {
            scores.append(.init(outcome: o.id, date: Day(year: 2025, month: 1 + r.int(12), day: 1 + r.int(28)),
                                kind: r.chance(90) ? .baseline : .review, score: 1 + r.int(10), scoredBy: .jointly))
        }
    }

    let conversation = PlanDocument.Conversation(
        date: Day(year: 2025, month: 1 + r.int(12), day: 1 + r.int(28)), kind: profile == 1 ? .multiAgency : .whatMatters,
        with: [service == .children ? .child : .person], notes: (profile == 1 ? r.some(p.deficits, 2, 3) : r.some(p.reported, 1, 2).map { fill($0, name) }).joined(separator: " "))

    return PlanDocument(
        id: "bench-\(index)", service: service, language: cy ? .cy : .en,
        person: .init(ageYears: service == .children ? 3 + r.int(14) : 20 + r.int(75), preferredLanguage: cy ? .cy : .en,
                      communication: r.chance(90) ? .words : .withoutWords),
        conversations: [conversation], whatMatters: whatMatters.joined(separator: " "), personalOutcomes: outcomes,
        strengths: strengths, concerns: concerns, views: views, analysis: analysis.joined(separator: " "),
        actions: actions, scores: scores)
}

func peakMemoryKiB() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }
    return nil
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 100_000 : 100_000
var random = Random(state: 20_190_401)
let generationStart = Date()
var plans: [PlanDocument] = []
plans.reserveCapacity(count)
for i in 0..<count { plans.append(makePlan(i, &random)) }
let generationSeconds = Date().timeIntervalSince(generationStart)

let memoryAfterGeneration = peakMemoryKiB()
let reviewer = PracticeReviewer()
_ = reviewer.review(plans[0]) // load and compile the lexicons before timing

var tally = [ReviewCriterion: [ReviewVerdict: Int]]()
var prompts = 0
var welshPlans = 0
// REVIEW_REPEAT=N reviews the corpus N times (for profiling); the figures are for the first pass.
let repeats = max(1, Int(ProcessInfo.processInfo.environment["REVIEW_REPEAT"] ?? "") ?? 1)
/// CPU time of this thread, in seconds: the fair measure on a busy machine.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let clock = ContinuousClock()
let cpuStart = threadCPUSeconds()
let start = clock.now
for (i, plan) in plans.enumerated() {
    let review = reviewer.review(plan, language: i % 2 == 0 ? .en : .cy)
    for c in review.criteria { tally[c.criterion, default: [:]][c.verdict, default: 0] += 1 }
    prompts += review.prompts.count
    if plan.language == .cy { welshPlans += 1 }
}
let elapsed = clock.now - start
let cpuSeconds = threadCPUSeconds() - cpuStart
for _ in 1..<repeats { for plan in plans { _ = reviewer.review(plan) } }
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

print("review-benchmark: \(count) plans (\(welshPlans) in Welsh), generated in \(String(format: "%.2f", generationSeconds)) s")
print("reviewed on one thread in \(String(format: "%.3f", seconds)) s wall clock: \(Int((Double(count) / seconds).rounded())) plans/second")
print("CPU time of that thread \(String(format: "%.3f", cpuSeconds)) s: \(Int((Double(count) / cpuSeconds).rounded())) plans/second of one core's time")
if let kib = peakMemoryKiB() {
    let corpus = memoryAfterGeneration.map { " (\($0 / 1024) MiB of it reached before reviewing, holding the corpus)" } ?? ""
    print("peak memory (VmHWM): \(kib / 1024) MiB\(corpus)")
}
for criterion in ReviewCriterion.allCases {
    let v = tally[criterion] ?? [:]
    print("  \(criterion.rawValue): met \(v[.met] ?? 0), partly \(v[.partly] ?? 0), not-met \(v[.notMet] ?? 0)")
}
print("  prompts: \(prompts)")
