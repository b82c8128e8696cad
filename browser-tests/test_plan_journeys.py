"""Journeys through a person's plan in a real Chromium: building it from a What Matters
conversation, the "Stop and think" practice review, a review with distance travelled, the
printed plan, and a quality lead's audit. Every page visited is checked by axe-core
(conftest.py), Welsh pages are checked for English, and each step is photographed into
screenshots/<test>/.

Each test signs in itself and makes the records it needs, so any one can run alone:
  browser-tests/run -k plan -x
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from helpers.browser import ROOT
from helpers.journeys import (ImportantPerson, NewConversation, NewPerson, OutcomeAtReview, PlanAction, PlanOutcome,
                              PlanReviewEntry, PlanScore, PlanStrength, add_action, add_important_person, add_outcome,
                              add_person, add_score, add_strength, open_nav, open_plan, plan_part, print_plan, prompts_in,
                              record_conversation, record_plan_review, review_verdicts, review_wording, sign_in,
                              start_plan_from_conversation, switch_language, use_language, words_of)

ASPECTS = {a["code"]: a for a in json.loads(
    (ROOT / "Sources" / "WhatMattersCore" / "Resources" / "national-wellbeing-outcomes.json").read_text(encoding="utf-8"))["aspects"]}


def kind_name(kind: str, lang: str) -> str:
    """How the review names what an outcome reads as ("a service", "gwasanaeth")."""
    return review_wording(rf"case \.{kind}: return", lang)


def outcome_card(b, n: int):
    return b.driver.find_elements(By.CSS_SELECTOR, "#plan-outcomes li.wm-outcome")[n - 1]


def summary_rows(el) -> dict[str, str]:
    return {words_of(r.find_element(By.CSS_SELECTOR, "dt")): words_of(r.find_element(By.CSS_SELECTOR, "dd"))
            for r in el.find_elements(By.CSS_SELECTOR, ".govuk-summary-list__row")}


def table_rows(el) -> list[list[str]]:
    return [[words_of(c) for c in tr.find_elements(By.CSS_SELECTOR, "th, td")]
            for tr in el.find_elements(By.CSS_SELECTOR, "table.govuk-table tbody tr")]


def test_build_a_plan_in_welsh_from_a_what_matters_conversation(browser, practitioner):
    """In Welsh: a What Matters conversation, a plan started from it, and through the plan's own
    forms an outcome in the person's words, a strength, an important person, an action and a
    baseline score, each seen on the plan page; the review's scoring prompt goes once scored."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "cy")
    name = "Megan Haf Llewelyn"
    add_person(b, NewPerson(name=name, date_of_birth="1941-03-09", preferred_language="cy"))
    words = "Dw i eisiau aros adref gyda'r gath, a mynd yn ôl i ganu gyda'r côr ar nos Fercher."
    record_conversation(b, NewConversation(what_matters=words, narrative="Buom yn siarad yn y parlwr gyda'i chymydog Eirlys.",
                                           what_happened_next="plan-agreed"))

    open_plan(b)
    start_plan_from_conversation(b, words)
    assert b.lang == "cy"

    outcome = PlanOutcome(statement="Dw i eisiau canu gyda'r côr bob nos Fercher eto",
                          why_it_matters="Canu ydy fy mywyd i; yno mae fy ffrindiau.",
                          national_outcomes=("education-training-and-recreation", "relationships"))
    add_outcome(b, outcome)
    card = outcome_card(b, 1)
    assert words_of(card.find_element(By.CSS_SELECTOR, "h3")) == b.t("plan.outcomeN", n=1)
    quote = card.find_element(By.CSS_SELECTOR, ".wm-quote")
    assert quote.get_attribute("lang") == "cy", "the person's words are marked as Welsh"
    facts = summary_rows(card)
    assert facts[b.t("field.whose")] == b.t("whose.person")
    assert facts[b.t("field.importance")] == b.t("importance.important-to")
    assert facts[b.t("field.outcomeStatus")] == b.t("outcomeStatus.active")
    for code in outcome.national_outcomes:
        assert ASPECTS[code]["cy"] in facts[b.t("field.nationalOutcomes")], f"national outcome {code} not named in Welsh"

    # Not scored yet: the review prompts for a baseline, in Welsh, in the scores part.
    baseline_prompt = review_wording(r"func promptBaseline\b", "cy", {"id": "o1", "q": outcome.statement})
    assert baseline_prompt in prompts_in(b, plan_part(b, "scores")), prompts_in(b, plan_part(b, "scores"))
    assert review_verdicts(b)["scoring-complete"][0] == "not-met"

    add_strength(b, PlanStrength(description="Mae ganddi lais alto cryf ac mae'n nabod pawb yn y côr ers hanner can mlynedd.",
                                 source="person", supports=("o1",)))
    strengths = table_rows(plan_part(b, "strengths"))
    assert strengths[0][1] == b.t("strengthSource.person"), strengths

    add_important_person(b, ImportantPerson(name="Eirlys Pugh", relationship="Cymydog", connection="strong",
                                            direction="both-ways", gives=("practical", "social")))
    person_row = table_rows(plan_part(b, "people"))[0]
    assert person_row[2:] == [b.t("connection.strong"), b.t("plan.ecomap.direction.both-ways"),
                              f"{b.t('support.practical')}, {b.t('support.social')}"], person_row
    ecomap = plan_part(b, "people").find_element(By.CSS_SELECTOR, "svg")
    assert ecomap.get_attribute("role") == "img"
    assert b.t("plan.ecomap.title", name=name) in (ecomap.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent") or "")

    by_when = (date.today() + timedelta(days=14)).isoformat()
    add_action(b, PlanAction(what="Eirlys i fynd â Megan i ymarfer y côr bob nos Fercher yn ei char.", by="network",
                             who="Eirlys Pugh", serves=("o1",), by_when=by_when))
    action = plan_part(b, "actions").find_element(By.CSS_SELECTOR, "li.wm-action")
    facts = summary_rows(action)
    assert facts[b.t("field.actionBy")] == f"{b.t('actionBy.network')}: Eirlys Pugh"
    assert facts[b.t("field.byWhen")] == b.date(by_when)
    assert "1." in facts[b.t("field.servesOutcomes")] and "côr" in facts[b.t("field.servesOutcomes")]

    add_score(b, PlanScore(outcome="o1", value=3, comment="Dw i heb fod ers y Nadolig."))
    card = outcome_card(b, 1)
    assert summary_rows(card)[b.t("plan.scores")] == b.t("plan.scoreBaselineOnly", baseline=3)
    scores = table_rows(plan_part(b, "scores"))
    assert scores == [[b.t("plan.outcomeN", n=1), b.date(date.today().isoformat()), b.t("scoreKind.baseline"), "3",
                       b.t("scoredBy.jointly"), "Dw i heb fod ers y Nadolig.", b.t("plan.correct")]], scores
    # Scored: the prompt has gone, and the review says so.
    assert baseline_prompt not in prompts_in(b, plan_part(b, "scores"))
    verdict, reasons = review_verdicts(b)["scoring-complete"]
    assert verdict == "met", (verdict, reasons)
    assert review_wording(r"func allBaselines\b", "cy", {"list(ids)": "o1"}) in reasons, reasons
    assert review_verdicts(b)["interventions-meet-outcomes"][0] == "met"
    distance = plan_part(b, "scores").find_element(By.CSS_SELECTOR, ".wm-narrative")
    assert b.t("plan.distanceBaseline", baseline=3, baselineDate=b.date(date.today().isoformat())) in words_of(distance)


def test_stop_and_think_prompts_for_a_deficit_led_plan(browser, practitioner):
    """A plan started from a conversation that lists only needs, with an outcome that is a
    service: the practice review says why and prompts beside each; rewriting the outcome in
    the person's words answers its prompt. Then the same prompts in Welsh."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "en")
    add_person(b, NewPerson(name="Dewi Arwel Jenkins", date_of_birth="1939-07-21", preferred_language="en"))
    needs = "Needs help with personal care and medication. Unable to manage the stairs."
    record_conversation(b, NewConversation(what_matters=needs, what_happened_next="plan-agreed"))
    open_plan(b)
    start_plan_from_conversation(b, needs)

    # What matters records only needs: the review says so, and prompts for the person's own words.
    what_matters_prompt = review_wording(r"var promptWhatMatters\b", "en")
    assert what_matters_prompt in prompts_in(b, plan_part(b, "about")), prompts_in(b, plan_part(b, "about"))
    verdict, reasons = review_verdicts(b)["what-matters-and-strengths"]
    assert verdict == "not-met", (verdict, reasons)
    first_sentence = needs.split(".")[0]  # quoted without its full stop
    assert review_wording(r"func onlyDeficits\b", "en", {"f": "whatMatters", "q": first_sentence}) in reasons, reasons
    assert review_wording(r"var noStrengths\b", "en") in reasons, reasons

    # An outcome that is a service, not an aim.
    service = "Home care calls four times a day"
    add_outcome(b, PlanOutcome(statement=service, whose="practitioner", importance="important-for",
                               national_outcomes=("health-and-emotional-wellbeing",)))
    expected = review_wording(r"func promptNotGenuine\b", "en", {"id": "o1", "q": service, "kindName(kind)": kind_name("service", "en")}, nth=1)
    shown = prompts_in(b, outcome_card(b, 1))
    assert expected in shown, f"expected {expected!r} beside outcome 1; shown: {shown}"
    verdict, reasons = review_verdicts(b)["outcomes-consistency"]
    assert verdict != "met", (verdict, reasons)
    reason = review_wording(r"func outcomeNotGenuine\b", "en", {"id": "o1", "q": service, "kindName(kind)": kind_name("service", "en")}, nth=1)
    assert reason in reasons, f"expected {reason!r} among {reasons}"

    # The outcome's own form shows the prompt beside the words, and answering it clears it.
    b.follow(b.t("plan.change"), "outcome-change-form", within=outcome_card(b, 1), exact=False)
    assert b.h1() == b.t("planForm.changeOutcome")
    beside = b.field("statement").find_element(
        By.XPATH, "ancestor::div[contains(concat(' ', @class, ' '), ' govuk-form-group ')][1]/following-sibling::*[1]")
    assert "wm-prompt" in beside.get_attribute("class").split(), "the prompt should sit right after the outcome's words"
    assert expected in [words_of(li) for li in beside.find_elements(By.CSS_SELECTOR, "li")]
    own_words = "I want to get up to bed by myself and sleep in my own room again"
    b.fill("statement", own_words)
    b.choose("whose", "person")
    b.choose("importance", "important-to")
    b.submit(b.t("planForm.save"), "outcome-rewritten")
    assert not b.error_summary(), b.error_summary()
    assert b.notice() == b.t("notice.planSaved")
    assert words_of(outcome_card(b, 1).find_element(By.CSS_SELECTOR, ".wm-quote")) == own_words
    assert expected not in prompts_in(b, outcome_card(b, 1)), "the service prompt should be gone"
    verdict, reasons = review_verdicts(b)["outcomes-consistency"]
    assert verdict == "met", (verdict, reasons)
    assert reasons == [review_wording(r"func outcomeFits\b", "en", {"id": "o1", "q": own_words,
                                                                    "list(codes)": "health-and-emotional-wellbeing"})], reasons

    # The same review, in Welsh: prompts and reasons are the review's Welsh.
    b.go(b.path.split("?")[0], "plan-again")
    switch_language(b, "cy")
    assert review_wording(r"var promptWhatMatters\b", "cy") in prompts_in(b, plan_part(b, "about"))
    verdict, reasons = review_verdicts(b)["what-matters-and-strengths"]
    assert verdict == "not-met"
    assert review_wording(r"func onlyDeficits\b", "cy", {"f": "whatMatters", "q": first_sentence}) in reasons, reasons
    switch_language(b, "en")


def test_record_a_review_and_see_distance_travelled(browser, practitioner):
    """An outcome scored at the start, a review six weeks on with what changed in the person's
    words and a new score: the distance travelled chart, its words and the scores table agree."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "en")
    add_person(b, NewPerson(name="Rhiannon Beynon", date_of_birth="1952-12-01", preferred_language="en"))
    words = "I want to walk to the shop on my own again and see my friends at the Tuesday lunch club."
    record_conversation(b, NewConversation(what_matters=words, what_happened_next="plan-agreed"))
    open_plan(b)
    start_plan_from_conversation(b, words)
    statements = ["I want to walk to the shop on my own again", "I want to see my friends at the Tuesday lunch club"]
    add_outcome(b, PlanOutcome(statement=statements[0], national_outcomes=("control-over-day-to-day-life",)))
    add_outcome(b, PlanOutcome(statement=statements[1], national_outcomes=("relationships",)))
    start = (date.today() - timedelta(days=42)).isoformat()
    add_score(b, PlanScore(outcome="o1", value=3, scored_on=start, comment="I get as far as the gate."))
    add_score(b, PlanScore(outcome="o2", value=5, scored_on=start))

    change = "I walked to the shop twice last week with my stick."
    record_plan_review(b, PlanReviewEntry(
        summary="We met at home. Rhiannon is pleased with how far she has come.",
        participants=("person", "family"), others="Carys (daughter)",
        outcomes={"o1": OutcomeAtReview(change=change, score=7, status="partly-achieved"),
                  "o2": OutcomeAtReview(change="", score=None, status="active")}))

    today = date.today().isoformat()
    # The chart: an image with a title and a description that says what it shows.
    chart = plan_part(b, "scores").find_element(By.CSS_SELECTOR, "svg.wm-distance")
    assert chart.get_attribute("role") == "img"
    labelled = chart.get_attribute("aria-labelledby").split()
    title = b.driver.find_element(By.ID, labelled[0]).get_attribute("textContent")
    desc = b.driver.find_element(By.ID, labelled[1]).get_attribute("textContent")
    assert title == b.t("plan.chart.title")
    assert b.t("plan.chart.descBoth", outcome=b.t("plan.chart.outcomeN", n=1), baseline=3, latest=7) in desc, desc
    assert b.t("plan.chart.descBaseline", outcome=b.t("plan.chart.outcomeN", n=2), baseline=5) in desc, desc
    assert chart.size["width"] > 200 and chart.size["height"] > 50, f"chart drawn at {chart.size}"
    # Its text alternative beside it, in words, with what changed in the person's words.
    narrative = plan_part(b, "scores").find_element(By.CSS_SELECTOR, ".wm-narrative")
    items = narrative.find_elements(By.CSS_SELECTOR, ":scope > li")
    assert len(items) == 2
    assert b.t("plan.distanceBoth", baseline=3, baselineDate=b.date(start), latest=7, latestDate=b.date(today),
               change="+4") in words_of(items[0]), words_of(items[0])
    assert change in words_of(items[0].find_element(By.CSS_SELECTOR, ".wm-quote"))
    assert b.t("plan.distanceBaseline", baseline=5, baselineDate=b.date(start)) in words_of(items[1])
    # The table of every score, in the order entered: two baselines, then the review's.
    rows = table_rows(plan_part(b, "scores"))
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (b.t("plan.outcomeN", n=1), b.date(start), b.t("scoreKind.baseline"), "3"),
        (b.t("plan.outcomeN", n=2), b.date(start), b.t("scoreKind.baseline"), "5"),
        (b.t("plan.outcomeN", n=1), b.date(today), b.t("scoreKind.review"), "7")], rows
    # The outcome itself, and the review in the list of reviews.
    facts = summary_rows(outcome_card(b, 1))
    assert facts[b.t("plan.scores")] == b.t("plan.scoreNow", baseline=3, latest=7)
    assert facts[b.t("field.outcomeStatus")] == b.t("outcomeStatus.partly-achieved")
    review = plan_part(b, "reviews").find_element(By.CSS_SELECTOR, "li.wm-timeline__item")
    assert words_of(review.find_element(By.CSS_SELECTOR, "h3")) == b.t("plan.reviewOn", date=b.date(today))
    assert b.t("plan.reviewWho", who=f"{b.t('participant.person')}, {b.t('participant.family')}, Carys (daughter)") in words_of(review)
    assert b.t("plan.reviewScore", score=7) in words_of(review)


def test_print_the_plan(browser, practitioner):
    """The printed plan is in the person's own language (Welsh here, though the worker reads
    English), shows their outcomes in their words, and prints without menus or buttons."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "en")
    name = "Huw Gethin Morgan"
    add_person(b, NewPerson(name=name, date_of_birth="1945-02-14", preferred_language="cy"))
    words = "Dw i eisiau cadw'r ardd a gweld fy wyrion bob penwythnos."
    record_conversation(b, NewConversation(what_matters=words, what_happened_next="plan-agreed"))
    open_plan(b)
    start_plan_from_conversation(b, words)
    outcomes = ["Dw i eisiau tyfu tatws a ffa yn yr ardd eto", "Dw i eisiau gweld fy wyrion bob penwythnos"]
    add_outcome(b, PlanOutcome(statement=outcomes[0], national_outcomes=("education-training-and-recreation",)))
    add_outcome(b, PlanOutcome(statement=outcomes[1], national_outcomes=("relationships",)))
    add_score(b, PlanScore(outcome="o1", value=4))
    add_action(b, PlanAction(what="Mab Huw i godi'r gwelyau yn yr ardd.", by="family", who="Aled", serves=("o1",)))
    assert b.lang == "en"

    print_plan(b)
    assert b.lang == "cy", "the printed plan is in the person's language"
    assert b.h1() == b.t("print.title", name=name)
    headings = b.texts("main h2")
    assert b.t("print.whatMatters") in headings and b.t("print.outcomes") in headings, headings
    printed = b.driver.find_elements(By.CSS_SELECTOR, "ol.wm-print-list > li")
    assert [words_of(li.find_element(By.CSS_SELECTOR, ".wm-quote")) for li in printed] == outcomes
    assert b.t("print.scoreStart", score=4) in words_of(printed[0])
    assert b.t("outcomeStatus.active") in words_of(printed[1])
    actions = table_rows(b.driver.find_element(By.CSS_SELECTOR, "main"))
    assert actions == [["Mab Huw i godi'r gwelyau yn yr ardd.", f"{b.t('actionBy.family')}: Aled", "", "1"]], actions
    assert b.t("print.notAgreed") in b.text("main")

    # On paper: no menus, buttons or links back.
    b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        b.snap("printed-plan-as-printed")
        for css in ("nav.wm-nav", ".wm-language", ".wm-noprint", ".govuk-back-link"):
            for el in b.driver.find_elements(By.CSS_SELECTOR, css):
                assert not el.is_displayed(), f"{css} would be printed"
        assert all(li.is_displayed() for li in printed)
    finally:
        b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    b.follow(b.t("print.back"), "back-to-plan")
    assert b.lang == "en" and b.h1() == b.t("plan.title")


def test_quality_lead_audits_and_moderates_a_plan(browser, accounts):
    """The demo quality lead: the quality audit of the whole authority, filtered to plans
    whose outcomes are not met, one plan's review, and a moderation recorded; then the
    audit in Welsh."""
    b = browser
    sign_in(b, accounts["quality-lead"])
    use_language(b, "en")
    open_nav(b, "nav.quality", "quality-audit")
    assert b.h1() == b.t("quality.title")
    assert b.t("quality.caption.authority") in b.text("main h1")
    stats = {words_of(s.find_element(By.CSS_SELECTOR, ".wm-stat__label")): words_of(s.find_element(By.CSS_SELECTOR, ".wm-stat__value"))
             for s in b.driver.find_elements(By.CSS_SELECTOR, ".wm-stat")}
    total = int(stats[b.t("quality.stat.plans")])
    assert total > 0, "the demo authority has plans to audit"
    moderated_before = int(stats[b.t("quality.stat.moderated")])
    table = b.driver.find_element(By.CSS_SELECTOR, "main table.govuk-table")
    assert words_of(table.find_element(By.CSS_SELECTOR, "caption")) == b.t("quality.count", count=total)
    headers = [words_of(th) for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    column = headers.index(b.t("criterion.outcomes-consistency"))
    verdict_words = {b.t(f"verdict.{v}") for v in ("met", "partly", "not-met")} | {b.t("quality.notReviewed")}
    for row in table_rows(table):
        assert all(cell in verdict_words for cell in row[3:8]), f"verdicts in words: {row}"

    # Filter: outcomes not met.
    Select(b.field("criterion")).select_by_value("outcomes-consistency")
    Select(b.field("verdict")).select_by_value("not-met")
    b.submit(b.t("quality.filter.apply"), "quality-filtered")
    assert "criterion=outcomes-consistency" in b.path and "verdict=not-met" in b.path, b.path
    assert b.value("criterion") == "outcomes-consistency" and b.value("verdict") == "not-met", "the filter is kept"
    rows = table_rows(b.driver.find_element(By.CSS_SELECTOR, "main table.govuk-table"))
    assert rows, "the demo authority has plans whose outcomes are not met"
    assert all(r[column] == b.t("verdict.not-met") for r in rows), [r[column] for r in rows]
    person = rows[0][0]

    # One plan: the review's verdict and reasons for each criterion, and a moderation.
    b.follow(person, "quality-plan", within=b.driver.find_element(By.CSS_SELECTOR, "main table"))
    assert b.h1() == b.t("quality.plan.title")
    assert person in b.text("main h1")
    criteria = b.texts("main h2")
    assert b.t("criterion.outcomes-consistency") in criteria, criteria
    section = b.driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby='criterion-outcomes-consistency']")
    assert summary_rows(section)[b.t("quality.plan.reviewVerdict")].startswith(b.t("verdict.not-met"))
    b.choose("verdict-outcomes-consistency", "partly")
    comment = "The first outcome is in her words; the second is a service. Partly met."
    b.fill("comment-outcomes-consistency", comment)
    b.submit(b.t("quality.plan.record"), "moderation-recorded")
    assert not b.error_summary(), b.error_summary()
    assert b.notice() == b.t("quality.plan.saved")
    history = table_rows(b.driver.find_element(By.CSS_SELECTOR, "main"))
    assert history and history[0][3] == b.t("criterion.outcomes-consistency") and history[0][4] == b.t("verdict.not-met") \
        and history[0][5] == b.t("verdict.partly") and history[0][6] == comment, history

    b.follow(b.t("quality.plan.back"), "quality-audit-after", exact=False)
    stats = {words_of(s.find_element(By.CSS_SELECTOR, ".wm-stat__label")): words_of(s.find_element(By.CSS_SELECTOR, ".wm-stat__value"))
             for s in b.driver.find_elements(By.CSS_SELECTOR, ".wm-stat")}
    assert int(stats[b.t("quality.stat.moderated")]) >= max(1, moderated_before)
    assert b.driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby='quality-agreement'] table")

    # The audit, whole, in Welsh.
    switch_language(b, "cy")
    assert b.h1() == b.t("quality.title", "cy")
    switch_language(b, "en")


def test_remove_an_outcome_added_by_mistake(browser, practitioner):
    """In Welsh: an outcome added by mistake is removed from its own change page. The
    confirmation quotes it and names the strength and action linked to it; afterwards the plan
    says so and the strength and action stay, without the link. An outcome with a score cannot
    be removed: the page says why and offers changing it instead, with no button to remove."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "cy")
    add_person(b, NewPerson(name="Elis Wyn Parry", date_of_birth="1948-05-14", preferred_language="cy"))
    words = "Dw i eisiau cadw'r ardd yn daclus a mynd i'r farchnad ar ddydd Iau."
    record_conversation(b, NewConversation(what_matters=words, what_happened_next="plan-agreed"))
    open_plan(b)
    start_plan_from_conversation(b, words)
    keep = "Dw i eisiau cadw'r ardd yn daclus"
    mistake = "Dw i eisiau mynd i'r farchnad ar ddydd Iau gyda Huw"
    add_outcome(b, PlanOutcome(statement=keep, national_outcomes=("control-over-day-to-day-life",)))
    add_outcome(b, PlanOutcome(statement=mistake, national_outcomes=("relationships",)))
    strength = "Mae ei fab Huw yn gyrru i'r dref bob wythnos"
    add_strength(b, PlanStrength(description=strength, source="family", supports=("o2",)))
    action = "Huw yn mynd ag ef i'r farchnad"
    add_action(b, PlanAction(what=action, by="family", who="Huw", serves=("o2",)))
    add_score(b, PlanScore(outcome="o1", value=4))

    # The mistaken outcome, from its own change page: the confirmation says what goes with it.
    b.follow(b.t("plan.change"), "outcome-2-change-form", within=outcome_card(b, 2), exact=False)
    assert b.h1() == b.t("planForm.changeOutcome")
    b.follow(b.t("planRemove.remove.outcomes"), "outcome-2-remove")
    assert b.h1() == b.t("planRemove.title.outcomes")
    assert words_of(b.driver.find_element(By.CSS_SELECTOR, "main .wm-quote")) == mistake
    links = words_of(b.driver.find_element(By.ID, "links"))
    for expected in (b.t("planRemove.linked.strengthsOne"), b.t("planRemove.linked.actionsOne"), strength, action,
                     b.t("planRemove.linked.removed")):
        assert expected in links, f"{expected!r} not in {links!r}"
    b.submit(b.t("planRemove.remove.outcomes"), "outcome-2-removed")
    assert b.path.endswith("/plan?saved=removed-outcomes#plan-outcomes"), b.path
    assert b.notice() == b.t("notice.removed.outcomes")
    cards = b.driver.find_elements(By.CSS_SELECTOR, "#plan-outcomes li.wm-outcome")
    assert [words_of(c.find_element(By.CSS_SELECTOR, ".wm-quote")) for c in cards] == [keep]
    assert strength in words_of(plan_part(b, "strengths")), "the strength stays"
    assert action in words_of(plan_part(b, "actions")), "the action stays"
    assert b.t("plan.noOutcomeLinked") in words_of(plan_part(b, "actions")), "the action now serves no outcome, and says so"

    # The scored outcome stays: the page says why, and offers a change of status instead.
    b.follow(b.t("plan.change"), "outcome-1-change-form", within=outcome_card(b, 1), exact=False)
    b.follow(b.t("planRemove.remove.outcomes"), "outcome-1-cannot-be-removed")
    assert b.h1() == b.t("planRemove.blocked.title")
    assert b.t("planRemove.blocked.why") in b.text("main")
    assert not b.exists("main form .govuk-button--warning"), "no button to remove it"
    b.follow(b.t("planRemove.blocked.change"), "outcome-1-change-instead")
    assert b.h1() == b.t("planForm.changeOutcome")
