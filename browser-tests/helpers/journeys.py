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
