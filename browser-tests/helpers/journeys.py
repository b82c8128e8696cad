"""Steps a member of staff takes in WhatMatters, built on Browser. Tests string these together.

A new page of the app gets its steps here (for example `open_plan`, `record_review`), each
moving through the app with Browser's helpers so that axe and the screenshots follow.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from selenium.webdriver.common.by import By

from .browser import Browser


@dataclass(frozen=True)
class Account:
    role: str
    email: str
    password: str


def sign_in(b: Browser, account: Account) -> None:
    b.go("/", "start")
    assert b.path.startswith("/sign-in"), f"signed-out visitor not sent to sign in, but to {b.path}"
    assert b.h1() == b.t("signIn.title")
    b.fill("email", account.email)
    b.fill("password", account.password)
    b.submit(b.t("signIn.button"), "signed-in")
    assert not b.error_summary(), f"sign-in refused: {b.error_summary()}"
    assert b.path == "/caseload", f"after sign-in: {b.path}"
    assert b.h1() == b.t("caseload.title")


def sign_out(b: Browser) -> None:
    b.submit(b.t("nav.signOut"), "signed-out")
    assert b.path.startswith("/sign-in"), b.path
    assert b.notice() == b.t("signIn.signedOut")


def switch_language(b: Browser, to: str) -> None:
    """Follow the language link at the top of the page; the same page comes back in `to`."""
    before = b.path
    assert b.lang != to, f"already in {to}"
    link_text = b.t("layout.switchTo")
    link = b.link(link_text)
    assert link.get_attribute("lang") == to and link.get_attribute("hreflang") == to, \
        "the language link must say which language it leads to (lang and hreflang)"
    with b.navigation(f"language-{to}"):
        link.click()
    assert b.lang == to, f"page still in {b.lang} after following {link_text!r}"
    assert b.path == before, f"language switch did not come back to {before}, but went to {b.path}"


def use_language(b: Browser, lang: str) -> None:
    """Make sure the interface is in `lang`. The choice is kept on the account, so a journey
    that needs one language says so rather than relying on the journey before it."""
    if b.lang != lang:
        switch_language(b, lang)


def open_nav(b: Browser, key: str, label: str) -> None:
    nav = b.driver.find_element(By.CSS_SELECTOR, "nav.wm-nav")
    b.follow(b.t(key), label, within=nav)


def open_team(b: Browser, label: str) -> None:
    """Follow the navigation's (first) team link, which is named after the team; the team's
    page has the same name as its heading."""
    nav = b.driver.find_element(By.CSS_SELECTOR, "nav.wm-nav")
    name = " ".join(nav.find_element(By.CSS_SELECTOR, "a[href^='/teams/']").text.split())
    assert name not in (b.t("nav.team", "en"), b.t("nav.team", "cy")), f"the team link does not name its team: {name!r}"
    b.follow(name, label, within=nav)
    assert b.h1() == name, f"the link {name!r} led to {b.h1()!r}"


@dataclass
class NewPerson:
    name: str
    date_of_birth: str = "1948-05-17"
    service: str = "adults"
    preferred_language: str = "cy"
    communication_needs: str = ""


def add_person(b: Browser, person: NewPerson) -> str:
    """From any signed-in page: People → Add a person → save. Returns the person's page path."""
    open_nav(b, "nav.people", "people")
    assert b.h1() == b.t("people.title")
    b.follow(b.t("people.add"), "person-form")
    assert b.h1() == b.t("personForm.newTitle")
    b.fill("name", person.name)
    b.fill_date("dateOfBirth", person.date_of_birth)
    b.choose("service", person.service)
    b.choose("preferredLanguage", person.preferred_language)
    if person.communication_needs:
        b.fill("communicationNeeds", person.communication_needs)
    assert b.value("teamID"), "a practitioner in one team should find the team already chosen"
    b.submit(b.t("personForm.save"), "person-saved")
    assert not b.error_summary(), f"person not saved: {b.error_summary()}"
    assert re.fullmatch(r"/people/[0-9A-Fa-f-]{36}\?saved=person", b.path), b.path
    assert b.h1() == person.name
    assert b.notice() == b.t("notice.personSaved")
    return b.path.split("?")[0]


@dataclass
class NewConversation:
    what_matters: str
    narrative: str = ""
    what_happened_next: str = "own-solution"
    language: str | None = None   # None: keep the form's choice (the person's preferred language)
    kind: str = "what-matters"
    conversation_date: str | None = None


def record_conversation(b: Browser, c: NewConversation) -> None:
    """From a person's page: Record a conversation → fill → save, back on the person's page."""
    b.follow(b.t("person.recordConversation"), "conversation-form")
    assert b.h1() == b.t("conversationForm.newTitle")
    assert b.value("date") == date.today().isoformat(), "a new conversation should be dated today"
    if c.conversation_date:
        b.fill_date("date", c.conversation_date)
    b.choose("kind", c.kind)
    if c.language:
        b.choose("language", c.language)
    b.fill("whatMatters", c.what_matters)
    if c.narrative:
        b.fill("narrative", c.narrative)
    b.choose("whatHappenedNext", c.what_happened_next)
    b.submit(b.t("conversationForm.save"), "conversation-saved")
    assert not b.error_summary(), f"conversation not saved: {b.error_summary()}"
    assert b.path.endswith("?saved=conversation"), b.path
    assert b.notice() == b.t("notice.conversationSaved")


def team_counts(b: Browser) -> dict[str, int]:
    """On a team page: the headline figures, by their string key, and the count for each
    'what happened next' value (as 'next.<value>')."""
    figures = {}
    labels = {b.t(k): k for k in ("team.people", "team.conversations", "team.resolved")}
    for stat in b.driver.find_elements(By.CSS_SELECTOR, ".wm-stat"):
        value = stat.find_element(By.CSS_SELECTOR, ".wm-stat__value").text.strip()
        label = stat.find_element(By.CSS_SELECTOR, ".wm-stat__label").text.strip()
        figures[labels[label]] = int(value)
    by_next = {b.t(f"next.{v}"): f"next.{v}" for v in
               ("information-or-advice", "community-resources", "own-solution", "no-further-action",
                "plan-agreed", "assessment-needed")}
    for row in b.driver.find_elements(By.CSS_SELECTOR, "table.govuk-table tbody tr"):
        cells = [" ".join(c.text.split()) for c in row.find_elements(By.CSS_SELECTOR, "th, td")]
        if cells and cells[0] in by_next:
            figures[by_next[cells[0]]] = int(cells[1])
    return figures


# ---------------------------------------------------------------------------------- plans
#
# A person's plan grows out of a What Matters conversation (Plan → "Start a plan from this
# conversation"), then each part has its own form: outcomes, strengths, important people,
# actions, scores and reviews. Every save comes back to the plan page at that part, with
# the practice review ("Stop and think") worked out again.

from .browser import ROOT, xpath_literal  # noqa: E402

@dataclass
class PlanOutcome:
    statement: str                       # in the words said, in the plan's language
    whose: str = "person"
    importance: str = "important-to"
    why_it_matters: str = ""
    national_outcomes: tuple[str, ...] = ()


@dataclass
class PlanStrength:
    description: str
    source: str = "person"
    supports: tuple[str, ...] = ("o1",)  # outcome ids


@dataclass
class ImportantPerson:
    name: str
    relationship: str = ""
    connection: str = "strong"
    direction: str = "to-person"
    gives: tuple[str, ...] = ()


@dataclass
class PlanAction:
    what: str
    by: str = "person"
    who: str = ""
    serves: tuple[str, ...] = ("o1",)
    by_when: str | None = None            # ISO date


@dataclass
class PlanScore:
    outcome: str                          # outcome id: o1, o2 …
    value: int
    kind: str = "baseline"
    scored_on: str | None = None          # ISO date; the form offers today
    comment: str = ""


@dataclass
class OutcomeAtReview:
    change: str = ""
    score: int | None = None
    status: str = ""


@dataclass
class PlanReviewEntry:
    summary: str
    outcomes: dict[str, OutcomeAtReview]  # by outcome id
    participants: tuple[str, ...] = ("person",)
    others: str = ""
    reviewed_on: str | None = None        # ISO date; the form offers today


def words_of(el) -> str:
    return " ".join(el.text.split())


def open_plan(b: Browser) -> None:
    """From a person's page: follow Plan."""
    name = b.h1()
    b.follow(b.t("person.plan"), "plan")
    assert b.h1() == b.t("plan.title"), f"plan page heading: {b.h1()!r}"
    assert name in b.text("main h1"), "the plan page should name the person in its caption"


def start_plan_from_conversation(b: Browser, what_matters: str) -> None:
    """On the plan page of a person with no plan: start it from the What Matters conversation
    whose words are `what_matters`, as the app offers; its words become what matters."""
    assert b.t("plan.none") in b.text("main"), "a plan already exists"
    offered = b.driver.find_elements(By.CSS_SELECTOR, "main li.wm-timeline__item")
    chosen = [li for li in offered if " ".join(what_matters.split()) in words_of(li)]
    assert chosen, f"the conversation {what_matters!r} is not offered to start a plan from; offered: {[words_of(li) for li in offered]}"
    button = chosen[0].find_element(By.XPATH, f".//button[normalize-space()={xpath_literal(b.t('plan.startFromThis'))}]")
    b.snap("plan-start-before")
    with b.navigation("plan-started"):
        button.click()
    assert re.search(r"/plan\?saved=started$", b.path), b.path
    assert b.notice() == b.t("notice.planStarted")
    about = b.driver.find_element(By.CSS_SELECTOR, "#plan-about .wm-quote")
    assert words_of(about) == " ".join(what_matters.split()), "what matters should be the conversation's own words"


def plan_part(b: Browser, section: str):
    """A part of the plan page, by its section name (outcomes, strengths, people, actions, scores, reviews …)."""
    return b.driver.find_element(By.ID, f"plan-{section}")


def _add_to_plan(b: Browser, add_key: str, section: str, heading_key: str, label: str) -> None:
    b.follow(b.t(add_key), f"{label}-form", within=plan_part(b, section))
    assert b.h1() == b.t(heading_key), f"{label} form heading: {b.h1()!r}"


def _save_plan_form(b: Browser, section: str, label: str) -> None:
    b.submit(b.t("planForm.save"), f"{label}-saved")
    assert not b.error_summary(), f"{label} not saved: {b.error_summary()}"
    assert re.search(rf"/plan\?saved=plan#plan-{section}$", b.path), b.path
    assert b.notice() == b.t("notice.planSaved")


def add_outcome(b: Browser, o: PlanOutcome) -> None:
    """On the plan page: Add a personal outcome → fill → Save."""
    _add_to_plan(b, "plan.addOutcome", "outcomes", "planForm.addOutcome", "outcome")
    b.fill("statement", o.statement)
    b.choose("whose", o.whose)
    b.choose("importance", o.importance)
    if o.why_it_matters:
        b.fill("whyItMatters", o.why_it_matters)
    for n in o.national_outcomes:
        b.choose("nationalOutcomes", n)
    _save_plan_form(b, "outcomes", "outcome")
    cards = b.driver.find_elements(By.CSS_SELECTOR, "#plan-outcomes li.wm-outcome")
    assert any(" ".join(o.statement.split()) == words_of(c.find_element(By.CSS_SELECTOR, ".wm-quote")) for c in cards), \
        f"outcome {o.statement!r} not on the plan"


def add_strength(b: Browser, s: PlanStrength) -> None:
    _add_to_plan(b, "plan.addStrength", "strengths", "planForm.addStrength", "strength")
    b.fill("strengthDescription", s.description)
    b.choose("strengthSource", s.source)
    for o in s.supports:
        b.choose("supportsOutcomes", o)
    _save_plan_form(b, "strengths", "strength")
    assert " ".join(s.description.split()) in words_of(plan_part(b, "strengths")), "strength not on the plan"


def add_important_person(b: Browser, p: ImportantPerson) -> None:
    _add_to_plan(b, "plan.addPerson", "people", "planForm.addPerson", "important-person")
    b.fill("importantName", p.name)
    if p.relationship:
        b.fill("relationship", p.relationship)
    b.choose("connection", p.connection)
    b.choose("direction", p.direction)
    for g in p.gives:
        b.choose("gives", g)
    _save_plan_form(b, "people", "important-person")
    names = b.texts("#plan-people table.govuk-table tbody tr")
    assert any(r.startswith(p.name) for r in names), f"{p.name} not in the table of important people: {names}"


def add_action(b: Browser, a: PlanAction) -> None:
    _add_to_plan(b, "plan.addAction", "actions", "planForm.addAction", "action")
    b.fill("actionWhat", a.what)
    b.choose("actionBy", a.by)
    if a.who:
        b.fill("actionWho", a.who)
    for o in a.serves:
        b.choose("servesOutcomes", o)
    if a.by_when:
        b.fill_date("byWhen", a.by_when)
    _save_plan_form(b, "actions", "action")
    assert " ".join(a.what.split()) in words_of(plan_part(b, "actions")), "action not on the plan"


def add_score(b: Browser, s: PlanScore) -> None:
    _add_to_plan(b, "plan.addScore", "scores", "planForm.addScore", "score")
    assert b.value("scoreDate") == date.today().isoformat(), "a new score should be dated today"
    b.choose("scoreOutcome", s.outcome)
    b.choose("scoreKind", s.kind)
    b.choose("scoreValue", str(s.value))
    if s.scored_on:
        b.fill_date("scoreDate", s.scored_on)
    if s.comment:
        b.fill("scoreComment", s.comment)
    _save_plan_form(b, "scores", "score")


def record_plan_review(b: Browser, r: PlanReviewEntry) -> None:
    """On the plan page: Record a review → for each outcome what changed, a new score and
    where it stands → Save."""
    _add_to_plan(b, "plan.addReview", "reviews", "planForm.addReview", "review")
    assert b.value("reviewDate") == date.today().isoformat(), "a new review should be dated today"
    if r.reviewed_on:
        b.fill_date("reviewDate", r.reviewed_on)
    for p in r.participants:
        b.choose("reviewParticipants", p)
    if r.others:
        b.fill("reviewOthers", r.others)
    b.fill("reviewSummary", r.summary)
    for oid, o in r.outcomes.items():
        if o.change:
            b.fill(f"change-{oid}", o.change)
        if o.score is not None:
            b.select(f"reviewScore-{oid}", str(o.score))
        if o.status:
            b.choose(f"reviewStatus-{oid}", o.status)
    _save_plan_form(b, "reviews", "review")


def print_plan(b: Browser) -> None:
    """On the plan page: Print the plan."""
    b.follow(b.t("plan.print"), "printed-plan")


def prompts_in(b: Browser, el) -> list[str]:
    """The "Stop and think" prompts shown in a part of the page (each under the app's title)."""
    found = []
    for box in el.find_elements(By.CSS_SELECTOR, ".wm-prompt"):
        assert box.get_attribute("role") == "note", "a prompt box is a note for screen readers"
        title = words_of(box.find_element(By.CSS_SELECTOR, ".wm-prompt__title"))
        assert title == b.t("plan.review.prompt"), f"prompt box titled {title!r}"
        found += [words_of(li) for li in box.find_elements(By.CSS_SELECTOR, "li")]
    return found


def review_verdicts(b: Browser) -> dict[str, tuple[str, list[str]]]:
    """The plan page's practice review: criterion key → (verdict key, reasons), read from the
    words shown (reasons from the closed "Why" details, as a screen reader would reach them)."""
    labels = {b.t(f"criterion.{c}"): c for c in ("what-matters-and-strengths", "outcomes-consistency", "balanced-analysis",
                                                 "interventions-meet-outcomes", "scoring-complete")}
    verdicts = {b.t(f"verdict.{v}"): v for v in ("met", "partly", "not-met")}
    found = {}
    for row in b.driver.find_elements(By.CSS_SELECTOR, "#plan-review .govuk-summary-list__row"):
        key = words_of(row.find_element(By.CSS_SELECTOR, "dt"))
        tag = words_of(row.find_element(By.CSS_SELECTOR, "dd .wm-tag"))
        reasons = [" ".join((li.get_attribute("textContent") or "").split())
                   for li in row.find_elements(By.CSS_SELECTOR, "dd details li")]
        found[labels[key]] = (verdicts[tag], reasons)
    return found


# The words of the practice review's reasons and prompts are the review engine's, in
# Sources/WhatMattersCore/Review/ReviewWording.swift (English and Welsh side by side), not the
# interface's string tables. review_wording() reads them from there, so that a journey checks
# the very prompt the app means to show and does not break when its wording is improved.

REVIEW_WORDING = ROOT / "Sources" / "WhatMattersCore" / "Review" / "ReviewWording.swift"


def _swift_literal(src: str, start: int) -> tuple[list[tuple[str, str]], int]:
    """The Swift string literal opening at src[start] ('"'): its parts, as ('text', …) and
    ('expr', …) for each \\( … \\) interpolation, and the index after its closing quote."""
    assert src[start] == '"'
    parts, text, i = [], [], start + 1
    while True:
        c = src[i]
        if c == '"':
            parts.append(("text", "".join(text)))
            return parts, i + 1
        if c == "\\":
            nxt = src[i + 1]
            if nxt == "(":
                parts.append(("text", "".join(text)))
                text = []
                depth, j = 1, i + 2
                while depth:
                    if src[j] == '"':  # a string inside the interpolation
                        _, j = _swift_literal(src, j)
                        continue
                    depth += {"(": 1, ")": -1}.get(src[j], 0)
                    j += 1
                parts.append(("expr", src[i + 2:j - 1]))
                i = j
                continue
            text.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
            continue
        text.append(c)
        i += 1


def review_wording(anchor: str, lang: str, values: dict[str, str] | None = None, nth: int = 0) -> str:
    """The review engine's words at `anchor` (a regular expression for the declaration, such as
    r"var promptStrengths\\b" or r"func promptNotGenuine\\b"), in `lang`: the `nth` `cy ? "…" : "…"`
    after it, with each interpolation filled from `values` (by its Swift expression: "id", "q",
    "kindName(kind)"), and the "Stop and think: " opening when the declaration adds it."""
    src = REVIEW_WORDING.read_text(encoding="utf-8")
    m = re.search(anchor, src)
    assert m, f"{anchor!r} not found in {REVIEW_WORDING}"
    stop = re.search(r'static let stop = \(en: "([^"]*)", cy: "([^"]*)"\)', src)
    pos, before = m.end(), m.end()
    for n in range(nth + 1):
        ternary = re.compile(r'\bcy \?\s*"').search(src, pos)
        assert ternary, f"no Welsh/English pair after {anchor!r}"
        cy_parts, after = _swift_literal(src, ternary.end() - 1)
        colon = re.compile(r'\s*:\s*"').match(src, after)
        assert colon, f"no English after the Welsh at {anchor!r}"
        en_parts, pos = _swift_literal(src, colon.end() - 1)
        if n < nth:
            before = pos
    opening = ""
    if re.search(r"\bstop \+\s*\(?\s*$", src[before:ternary.start()]):
        opening = stop.group(2) if lang == "cy" else stop.group(1)
    values = values or {}
    out = []
    for kind, part in (cy_parts if lang == "cy" else en_parts):
        if kind == "text":
            out.append(part)
        else:
            assert part in values, f"review wording at {anchor!r} needs a value for \\({part})"
            out.append(values[part])
    return opening + "".join(out)
