import Foundation
import XCTest
@testable import WhatMattersCore

/// Plans written for these tests (not the shared examples), in English and Welsh, one for
/// each edge of each rule in PRACTICE-REVIEW.md.
final class UnseenPlanTests: XCTestCase {
    typealias P = PlanDocument

    func verdicts(_ plan: P, _ language: ReviewLanguage = .en) -> [String] {
        PracticeReview(of: plan, language: language).criteria.map(\.verdict.rawValue)
    }

    func assertVerdicts(_ plan: P, _ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
        for language in ReviewLanguage.allCases {
            let review = PracticeReview(of: plan, language: language)
            let got = review.criteria.map(\.verdict.rawValue)
            XCTAssertEqual(got, expected, "\(plan.id) [\(language.rawValue)]\n" +
                           review.criteria.map { "\($0.criterion.rawValue): \($0.reasons.joined(separator: " | "))" }.joined(separator: "\n"),
                           file: file, line: line)
        }
        XCTAssertEqual(plan.problems(), [], file: file, line: line)
    }

    // MARK: English

    /// A good adult plan, worded unlike any example.
    var dafydd: P {
        P(id: "u-en-good", service: .adults, language: .en,
          person: .init(ageYears: 81, preferredLanguage: .en, communication: .words),
          whatMatters: "Dafydd told me he loves fishing at the reservoir with his grandson and wants to keep driving there himself. He hates the idea of a care home.",
          personalOutcomes: [
            .init(id: "f1", statement: "To keep fishing at the reservoir with my grandson.", whose: .person, nationalOutcomes: [.relationships]),
            .init(id: "f2", statement: "To carry on living in my own bungalow.", whose: .person, nationalOutcomes: [.suitabilityOfAccommodation, .welfare]),
          ],
          strengths: [.init(description: "Dafydd is a skilled mechanic and still fixes his neighbours' cars.", source: .person)],
          concerns: [.init(description: "His eyesight is getting worse and there is a risk of an accident while driving.", raisedBy: .practitioner),
                     .init(description: "Dafydd is worried he will lose his independence.", raisedBy: .person)],
          views: .init(person: "Dafydd wants to keep his car for as long as the optician says it is safe."),
          analysis: "The optician and I are concerned that his eyesight puts him at risk on the road. Dafydd is clear that fishing with his grandson keeps him going, and he will have his eyes tested every six months. Weighing these together, his grandson will drive when the light is poor.",
          actions: [.init(description: "Dafydd to book an eye test every six months.", by: .person, isService: false, outcomes: ["f1"]),
                    .init(description: "His grandson to drive them both when the light is poor.", by: .family, isService: false, outcomes: ["f1", "f2"])],
          scores: [.init(outcome: "f1", kind: .baseline, score: 7), .init(outcome: "f2", kind: .baseline, score: 9)])
    }

    func testAGoodEnglishPlanMeetsEveryCriterion() {
        assertVerdicts(dafydd, ["met", "met", "met", "met", "met"])
    }

    func testADeficitLedEnglishPlanMeetsNone() {
        let plan = P(id: "u-en-deficit", service: .adults, language: .en,
                     whatMatters: "Requires assistance with washing and dressing. Unable to walk more than a few steps. Diagnosed with Parkinson's disease and at high risk of falls.",
                     personalOutcomes: [.init(id: "o1", statement: "Needs a care package of four calls a day.", whose: .practitioner, nationalOutcomes: [.healthAndEmotionalWellbeing]),
                                        .init(id: "o2", statement: "Assessment for a stairlift.", whose: .practitioner, nationalOutcomes: [.suitabilityOfAccommodation])],
                     concerns: [.init(description: "High risk of falls on the stairs.", raisedBy: .practitioner)],
                     analysis: "Mrs Jones has significant care and support needs and meets the eligibility criteria.",
                     actions: [.init(description: "Care agency to provide four calls a day.", by: .service, isService: true)])
        assertVerdicts(plan, ["not-met", "not-met", "not-met", "not-met", "not-met"])
        let review = PracticeReview(of: plan)
        XCTAssertEqual(review.signals.taskLikeOutcomes, 2)
        XCTAssertEqual(review.signals.deficitOnlySentences, 3)
        XCTAssertEqual(review.signals.serviceActionShare, 1)
        XCTAssertTrue(review.prompts.contains { $0.field == "/strengths" })
        XCTAssertTrue(review.prompts.allSatisfy { $0.text.hasPrefix("Stop and think: ") })
    }

    func testAnEnglishPlanThatIsPartlyThereOnEveryCriterion() {
        let plan = P(id: "u-en-partly", service: .adults, language: .en,
                     whatMatters: "Needs help with shopping and cleaning. Cannot carry heavy bags.",
                     personalOutcomes: [.init(id: "o1", statement: "To see my grandchildren more often.", whose: .person, nationalOutcomes: [.relationships]),
                                        .init(id: "o2", statement: "Help with shopping.", whose: .practitioner, nationalOutcomes: [.socialAndEconomicWellbeing])],
                     strengths: [.init(description: "Her son phones every evening.", source: .family)],
                     concerns: [.init(description: "She is becoming isolated.", raisedBy: .practitioner)],
                     views: .init(family: "Her son would like her to move nearer to him."),
                     analysis: "There is a high risk that she will fall and she needs an assessment.",
                     actions: [.init(description: "Her son to bring the grandchildren every Sunday.", by: .family, outcomes: ["o1"]),
                               .init(description: "Weekly shopping service.", by: .service, isService: true)],
                     scores: [.init(outcome: "o1", kind: .baseline, score: 3), .init(outcome: "o2", kind: .review, score: 5)])
        assertVerdicts(plan, ["partly", "partly", "partly", "partly", "partly"])
    }

    func testAPerspectiveReportedOnlyByFamilyCountsForAChildButNotForAnAdultWhoHasWords() {
        var child = P(id: "u-en-child", service: .children, language: .en,
                      person: .init(ageYears: 4, communication: .limited),
                      whatMatters: "His mum wants him to go to the same school as his sister. Needs support with toileting.")
        XCTAssertEqual(verdicts(child)[0], "partly", "what matters through a parent, no strengths")
        child.strengths = [.init(description: "His sister reads to him every night.", source: .family)]
        XCTAssertEqual(verdicts(child)[0], "met")
        XCTAssertEqual(PracticeReview(of: child).signals.childVoiceRecorded, false, "a parent's wish is not the child's own voice")

        var adult = child
        adult.id = "u-en-adult"; adult.service = .adults; adult.person = .init(ageYears: 80, communication: .words)
        adult.whatMatters = "His daughter wants him to move into a care home. Needs help with meals."
        XCTAssertEqual(verdicts(adult)[0], "partly", "only strengths: a relative's wish is not the perspective of an adult who speaks")
        XCTAssertNil(PracticeReview(of: adult).signals.childVoiceRecorded)
    }

    func testOutcomesNeedAnAimAndALinkThatFits() {
        var plan = dafydd
        // Two links, one that fits: linked.
        plan.personalOutcomes![0].nationalOutcomes = [.participationInWork, .relationships]
        XCTAssertEqual(verdicts(plan)[1], "met")
        // Only links that do not fit.
        plan.personalOutcomes![0].nationalOutcomes = [.participationInWork]
        XCTAssertEqual(verdicts(plan)[1], "partly")
        // No links at all.
        plan.personalOutcomes![0].nationalOutcomes = nil
        XCTAssertEqual(verdicts(plan)[1], "partly")
        // A service, a need and a task, however they are linked.
        for statement in ["Day centre three times a week.", "Requires support with personal care.", "Medication to be administered by carers."] {
            plan.personalOutcomes = [.init(id: "f1", statement: statement, nationalOutcomes: [.healthAndEmotionalWellbeing, .controlOverDayToDayLife])]
            XCTAssertEqual(verdicts(plan)[1], "not-met", statement)
        }
        // A service can still be part of a person's own aim.
        plan.personalOutcomes = [.init(id: "f1", statement: "I want to go to the day centre to see my friends.", whose: .person, nationalOutcomes: [.relationships])]
        XCTAssertEqual(verdicts(plan)[1], "met")
        plan.personalOutcomes = []
        XCTAssertEqual(verdicts(plan)[1], "not-met")
    }

    func testBalancedAnalysisEdges() {
        var plan = dafydd
        plan.analysis = nil
        XCTAssertEqual(verdicts(plan)[2], "partly", "no analysis")
        plan.analysis = "   "
        XCTAssertEqual(verdicts(plan)[2], "partly", "blank analysis")
        plan.analysis = "Dafydd wants to keep driving and says fishing is what keeps him going."
        XCTAssertEqual(verdicts(plan)[2], "partly", "the person's side only")
        plan.analysis = "The optician is concerned that his eyesight puts him at risk on the road."
        XCTAssertEqual(verdicts(plan)[2], "partly", "the professional side only")
        plan.views = .init(person: "n/a")
        plan.concerns = [plan.concerns![0]]
        XCTAssertEqual(verdicts(plan)[2], "not-met", "a placeholder is not a view, so only the professional perspective is recorded")
        plan.concerns = []
        plan.views = .init(person: "Dafydd wants to keep driving.")
        plan.analysis = "Dafydd wants to keep driving."
        XCTAssertEqual(verdicts(plan)[2], "not-met", "only the person's perspective is recorded")
    }

    func testActionsMustNameAnExistingOutcome() {
        var plan = dafydd
        plan.actions![1].outcomes = ["f9"]
        XCTAssertEqual(verdicts(plan)[3], "partly")
        plan.actions![0].outcomes = []
        XCTAssertEqual(verdicts(plan)[3], "not-met")
        plan.actions![0].outcomes = ["f9", "f2"]
        XCTAssertEqual(verdicts(plan)[3], "partly")
        plan.actions = []
        XCTAssertEqual(verdicts(plan)[3], "not-met")
        plan.actions = nil
        XCTAssertEqual(verdicts(plan)[3], "not-met")
    }

    func testScoringNeedsABaselineOnTheScaleForEveryOutcome() {
        var plan = dafydd
        plan.scores = [.init(outcome: "f1", kind: .baseline, score: 4), .init(outcome: "f2", kind: .review, score: 4)]
        XCTAssertEqual(verdicts(plan)[4], "partly")
        plan.scores = [.init(outcome: "f1", kind: .review, score: 4), .init(outcome: "f2", kind: .review, score: 4)]
        XCTAssertEqual(verdicts(plan)[4], "not-met")
        plan.scores = [.init(outcome: "f1", kind: .baseline, score: 0), .init(outcome: "f2", kind: .baseline, score: 12)]
        XCTAssertEqual(verdicts(plan)[4], "not-met", "values outside 1…10 are not on the scale")
        plan.scores = [.init(outcome: "f1", kind: .baseline, score: 1), .init(outcome: "f2", kind: .baseline, score: 10), .init(outcome: "zz", kind: .baseline, score: 5)]
        XCTAssertEqual(verdicts(plan)[4], "met")
        plan.personalOutcomes = nil
        XCTAssertEqual(verdicts(plan)[4], "not-met")
    }

    func testAPlanWithOnlyWhatMatters() {
        let plan = P(id: "u-en-bare", service: .carers, language: .en,
                     whatMatters: "Rob says he would love one evening a week to himself to play darts with his mates.")
        assertVerdicts(plan, ["partly", "not-met", "not-met", "not-met", "not-met"])
    }

    // MARK: Welsh

    var gwilym: P {
        P(id: "u-cy-good", service: .adults, language: .cy,
          person: .init(ageYears: 74, preferredLanguage: .cy, communication: .words),
          whatMatters: "Dywedodd Gwilym: \"Dw i eisiau mynd yn ôl i'r clwb rygbi i weld y bois bob dydd Sadwrn.\" Mae e wrth ei fodd yn garddio ac mae'n poeni am golli ei dŷ.",
          personalOutcomes: [
            .init(id: "o1", statement: "Dw i eisiau mynd i'r clwb rygbi gyda fy ffrindiau bob dydd Sadwrn.", whose: .person,
                  nationalOutcomes: [.relationships, .educationTrainingAndRecreation]),
            .init(id: "o2", statement: "Dw i eisiau aros yn fy nghartref fy hun.", whose: .person, nationalOutcomes: [.suitabilityOfAccommodation]),
          ],
          strengths: [.init(description: "Mae ei gymydog yn ei helpu gyda'r ardd bob wythnos.", source: .network)],
          concerns: [.init(description: "Mae risg y bydd Gwilym yn cwympo ar y grisiau.", raisedBy: .practitioner)],
          views: .init(person: "Mae Gwilym eisiau aros gartref a chadw ei ardd."),
          analysis: "Rwy'n poeni bod risg iddo gwympo ar y grisiau serth. Mae Gwilym yn glir ei fod eisiau aros yn ei gartref ei hun. O bwyso a mesur y cyfan, bydd rheilen ychwanegol a lifft i'r clwb yn lleihau'r risg.",
          actions: [.init(description: "Gofal a Thrwsio i osod rheilen ar y grisiau.", by: .partnerAgency, isService: true, outcomes: ["o2"]),
                    .init(description: "Ei ffrind i roi lifft iddo i'r clwb.", by: .network, isService: false, outcomes: ["o1"])],
          scores: [.init(outcome: "o1", kind: .baseline, score: 4), .init(outcome: "o2", kind: .baseline, score: 8)])
    }

    func testAGoodWelshPlanMeetsEveryCriterion() {
        assertVerdicts(gwilym, ["met", "met", "met", "met", "met"])
    }

    func testADeficitLedWelshPlanMeetsNone() {
        let plan = P(id: "u-cy-deficit", service: .adults, language: .cy,
                     whatMatters: "Angen cymorth gyda gofal personol. Methu â cherdded heb ffrâm. Risg uchel o gwympo. Mae angen dau ofalwr ar gyfer pob trosglwyddiad.",
                     personalOutcomes: [.init(id: "o1", statement: "Gofal cartref pedair gwaith y dydd.", whose: .practitioner, nationalOutcomes: [.healthAndEmotionalWellbeing]),
                                        .init(id: "o2", statement: "Asesiad therapi galwedigaethol.", whose: .practitioner, nationalOutcomes: [.suitabilityOfAccommodation])],
                     concerns: [.init(description: "Risg uchel o gwympo.", raisedBy: .practitioner)],
                     analysis: "Mae gan Mrs Puw anghenion gofal a chymorth sylweddol.",
                     actions: [.init(description: "Asiantaeth gofal i ddarparu pedair galwad y dydd.", by: .service, isService: true)])
        assertVerdicts(plan, ["not-met", "not-met", "not-met", "not-met", "not-met"])
    }

    func testAWelshPlanThatIsPartlyThereOnEveryCriterion() {
        let plan = P(id: "u-cy-partly", service: .adults, language: .cy,
                     whatMatters: "Mae angen help ar Eirlys gyda siopa a glanhau. Mae hi'n methu cario bagiau trwm.",
                     personalOutcomes: [.init(id: "o1", statement: "Dw i eisiau gweld fy wyrion yn amlach.", whose: .person, nationalOutcomes: [.relationships]),
                                        .init(id: "o2", statement: "Help gyda siopa.", whose: .practitioner, nationalOutcomes: [.socialAndEconomicWellbeing])],
                     strengths: [.init(description: "Mae ei merch yn galw bob nos.", source: .family)],
                     concerns: [.init(description: "Mae hi'n mynd yn fwy ynysig.", raisedBy: .practitioner)],
                     views: .init(family: "Mae ei merch eisiau i Eirlys symud yn nes ati hi."),
                     analysis: "Mae risg uchel y bydd Eirlys yn cwympo ac mae angen asesiad.",
                     actions: [.init(description: "Ei merch i ddod â'r wyrion i'w gweld bob dydd Sul.", by: .family, outcomes: ["o1"]),
                               .init(description: "Gwasanaeth siopa wythnosol.", by: .service, isService: true)],
                     scores: [.init(outcome: "o1", kind: .baseline, score: 3)])
        assertVerdicts(plan, ["partly", "partly", "partly", "partly", "partly"])
    }

    func testWelshMutationsAreRecognised() {
        var plan = gwilym
        // Nasal mutation after "fy": "fy mhlant" (my children) still speaks of relationships.
        plan.personalOutcomes = [.init(id: "o1", statement: "Dw i eisiau treulio mwy o amser gyda fy mhlant.", whose: .person, nationalOutcomes: [.relationships]),
                                 // Soft mutation: "ei gŵr" (her husband).
                                 .init(id: "o2", statement: "Bod yn agos at ei gŵr eto.", whose: .family, nationalOutcomes: [.relationships]),
                                 // Aspirate mutation: "ei chartref" (her home).
                                 .init(id: "o3", statement: "Iddi aros yn ei chartref.", whose: .family, nationalOutcomes: [.suitabilityOfAccommodation])]
        plan.scores = plan.personalOutcomes!.map { .init(outcome: $0.id, kind: .baseline, score: 5) }
        XCTAssertEqual(verdicts(plan)[1], "met", PracticeReview(of: plan).criteria[1].reasons.joined(separator: "\n"))
        // A need in a mutated form: "angen ei help" at the head, "fethu" (soft of methu).
        plan.whatMatters = "Mae hi'n methu codi o'r gadair. Dydy hi ddim yn gallu coginio."
        plan.conversations = nil
        plan.strengths = nil
        plan.views = nil
        XCTAssertEqual(verdicts(plan)[0], "not-met")
        XCTAssertEqual(PracticeReview(of: plan).signals.deficitOnlySentences, 2)
    }

    func testAWelshChildsPerspectiveThroughAParent() {
        let plan = P(id: "u-cy-child", service: .children, language: .cy,
                     person: .init(ageYears: 5, preferredLanguage: .cy, communication: .limited),
                     whatMatters: "Mae Mam yn dweud bod Osian wrth ei fodd ar y trampolîn a'i fod yn chwerthin pan fydd ei chwaer yn canu iddo.",
                     strengths: [.init(description: "Mae ei nain yn gofalu amdano bob dydd Gwener.", source: .family)])
        XCTAssertEqual(verdicts(plan, .cy)[0], "met")
        let review = PracticeReview(of: plan, language: .cy)
        XCTAssertTrue(review.prompts.allSatisfy { $0.text.hasPrefix("Aros a meddwl: ") })
    }

    func testReasonsQuoteTheWordsAndNameTheField() {
        let review = PracticeReview(of: dafydd)
        XCTAssertTrue(review.criteria[0].reasons[0].hasPrefix("whatMatters reports the person's own perspective: \"Dafydd told me he loves fishing"),
                      review.criteria[0].reasons[0])
        XCTAssertEqual(review.criteria[0].reasons[1], "1 strength recorded (person 1)")
        let welsh = PracticeReview(of: gwilym, language: .cy)
        XCTAssertTrue(welsh.criteria[0].reasons[0].hasPrefix("Mae whatMatters yn cofnodi geiriau'r person ei hun: \""), welsh.criteria[0].reasons[0])
        XCTAssertEqual(welsh.criteria[4].reasons, ["Mae gan bob canlyniad personol sgôr llinell sylfaen (o1 ac o2)"])
    }
}
