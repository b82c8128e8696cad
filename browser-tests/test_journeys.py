"""Journeys through WhatMatters in a real Chromium. Every page visited is checked by axe-core
(conftest.py) and photographed into screenshots/<test>/.

Each test signs in itself and makes the records it needs, so any one can run alone:
  browser-tests/run -k search
"""
from __future__ import annotations

from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers.journeys import (NewConversation, NewPerson, add_person, open_nav, open_team, record_conversation,
                              sign_in, sign_out, switch_language, team_counts, use_language)


def test_sign_in_and_sign_out(browser, practitioner):
    b = browser
    sign_in(b, practitioner)
    who = b.text(".wm-nav__who")
    assert who == b.t("nav.signedInAs", name="Siân ap Dafydd", role=b.t("role.practitioner")), who
    current = b.driver.find_element(By.CSS_SELECTOR, "nav.wm-nav a[aria-current=page]")
    assert " ".join(current.text.split()) == b.t("nav.caseload")
    sign_out(b)
    # Signed out means signed out. The browser's Back button must not bring the caseload back
    # from its cache (pages with personal data are sent with Cache-Control: no-store) ...
    with b.navigation("back-after-sign-out"):
        b.driver.back()
    assert b.h1() != b.t("caseload.title"), f"Back after signing out showed the caseload again ({b.path})"
    assert b.path.startswith("/sign-in"), f"Back after signing out went to {b.path}"
    # ... and a page that needs sign-in sends the browser to sign in.
    b.go("/caseload", "caseload-after-sign-out")
    assert b.path.startswith("/sign-in"), f"/caseload still open after signing out: {b.path}"


def test_wrong_password_is_refused_and_the_email_kept(browser, practitioner):
    b = browser
    b.go("/sign-in", "sign-in")
    b.fill("email", practitioner.email)
    b.fill("password", "not-the-password")
    b.submit(b.t("signIn.button"), "sign-in-refused")
    assert b.error_summary() == [(b.t("signIn.wrong"), "email")]
    assert b.driver.title.startswith(b.t("layout.errorPrefix")), b.driver.title
    assert b.value("email") == practitioner.email
    assert b.value("password") == "", "a refused password must not be sent back to the browser"


def test_record_a_what_matters_conversation_in_welsh(browser, practitioner):
    """Switch to Welsh, add a person, record what matters to them in Welsh, and see it on
    their page, on the conversation's own page and counted on the team page."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "en")
    switch_language(b, "cy")
    assert b.h1() == b.t("caseload.title", "cy")
    assert b.text(".wm-language") == "English"

    open_team(b, "team-before")
    before = team_counts(b)

    name = "Gwenllïan Ŵyn Prydderch"
    add_person(b, NewPerson(name=name, preferred_language="cy", communication_needs="Clyw gwael yn y glust chwith."))
    words = "Dw i eisiau aros yn fy nghartref fy hun, gweld fy wyrion bob dydd Sul a mynd i'r capel."
    record_conversation(b, NewConversation(
        what_matters=words,
        narrative="Buom yn siarad yn y gegin. Mae ei merch yn galw bob bore; mae'r cymdogion yn helpu gyda'r siopa.",
        what_happened_next="own-solution"))

    # On the person's page, in Welsh, marked as Welsh for screen readers.
    assert b.h1() == name
    items = b.driver.find_elements(By.CSS_SELECTOR, ".wm-timeline__item")
    assert len(items) == 1, f"expected the one conversation on {name}'s page, found {len(items)}"
    quote = items[0].find_element(By.CSS_SELECTOR, ".wm-quote")
    assert quote.get_attribute("lang") == "cy"
    assert " ".join(quote.text.split()) == words
    heading = b.t("conversation.heading", kind=b.t("kind.what-matters"), date=b.date(date.today().isoformat()))
    assert " ".join(items[0].find_element(By.CSS_SELECTOR, "h3").text.split()) == heading
    assert b.t("next.own-solution") in items[0].text

    # Its own page.
    b.follow(heading, "conversation-page")
    assert b.h1() == heading
    assert " ".join(b.text(".wm-quote").split()) == words
    assert b.t("language.cy") in b.texts(".govuk-summary-list__value")

    # Counted on the team page: one more person, one more conversation, resolved without an assessment.
    open_team(b, "team-after")
    after = team_counts(b)
    for key in ("team.people", "team.conversations", "team.resolved", "next.own-solution"):
        assert after[key] == before[key] + 1, f"{key}: {before[key]} before, {after[key]} after"
    for key in ("next.assessment-needed", "next.plan-agreed", "next.information-or-advice"):
        assert after[key] == before[key], f"{key} changed: {before[key]} → {after[key]}"

    # And back to English, on the same page.
    switch_language(b, "en")
    assert b.text(".wm-language") == "Cymraeg"
    sign_out(b)


def test_a_validation_error_is_summarised_and_nothing_typed_is_lost(browser, practitioner):
    b = browser
    sign_in(b, practitioner)
    use_language(b, "en")
    add_person(b, NewPerson(name="Rhodri Tomos", preferred_language="en"))
    b.follow(b.t("person.recordConversation"), "conversation-form")
    words = "I want to keep walking the dog to Pen-y-fâl.\nMy daughter Siân helps on Tuesdays — that's enough."
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    b.fill_date("date", tomorrow)
    b.choose("participants", "family")
    b.fill("othersPresent", "Siân (daughter)")
    b.fill("whatMatters", words)
    # What happened next is left unanswered, and the date is in the future.
    b.submit(b.t("conversationForm.save"), "conversation-errors")

    expected = [(b.error("error.futureDate", "field.date"), "date"),
                (b.error("error.choiceRequired", "field.whatHappenedNext"), "whatHappenedNext")]
    assert b.error_summary() == expected
    assert b.driver.title.startswith(b.t("layout.errorPrefix") + " "), b.driver.title
    # Each message also sits by its field, tied to it for screen readers.
    assert b.text("#date-error") == b.t("layout.errorPrefix") + " " + expected[0][0]
    assert "date-error" in b.field("date").get_attribute("aria-describedby").split()
    assert b.text("#whatHappenedNext-error") == b.t("layout.errorPrefix") + " " + expected[1][0]
    # Everything typed is still there, exactly.
    assert b.field("whatMatters").get_attribute("value") == words
    assert b.value("othersPresent") == "Siân (daughter)"
    assert b.value("date") == tomorrow
    assert sorted(b.checked("participants")) == ["family", "person"]
    # The summary's links take the user to the field.
    b.driver.find_element(By.CSS_SELECTOR, ".govuk-error-summary a[href='#whatHappenedNext']").click()
    assert b.focused.get_attribute("id") == "whatHappenedNext"

    b.fill_date("date", date.today().isoformat())
    b.choose("whatHappenedNext", "information-or-advice")
    b.submit(b.t("conversationForm.save"), "conversation-saved")
    assert not b.error_summary(), b.error_summary()
    assert " ".join(b.text(".wm-quote").split()) == " ".join(words.split())


def test_search_by_name_without_accents(browser, practitioner):
    b = browser
    sign_in(b, practitioner)
    name = "Siôn Llŷr Ellis-Ŵen"
    add_person(b, NewPerson(name=name, date_of_birth="1937-11-02", preferred_language="cy"))
    open_nav(b, "nav.people", "people")
    b.fill("query", "sion llyr")
    b.submit(b.t("search.button"), "search-results")
    assert b.h1() == b.t("search.title")
    assert b.value("query") == "sion llyr", "the search box should keep what was searched for"
    found = b.texts("table.govuk-table tbody th a")
    assert name in found, f"{name!r} not found by 'sion llyr'; results: {found}"
    assert "sion llyr" not in b.driver.current_url.lower(), "a name searched for must not travel in the address"
    b.follow(name, "person-from-search")
    assert b.h1() == name

    # An empty search is a validation error in the summary, not a list of everyone.
    open_nav(b, "nav.people", "people-again")
    b.fill("query", "   ")
    b.submit(b.t("search.button"), "search-empty")
    assert b.error_summary() == [(b.t("search.required"), "query")]


def test_keyboard_only_conversation(browser, practitioner):
    """The conversation form, completed with Tab, Space, Enter and typing only: no mouse."""
    b = browser
    sign_in(b, practitioner)
    use_language(b, "en")
    person = add_person(b, NewPerson(name="Ifan Rhys Bowen", preferred_language="cy"))
    b.go(person, "person-page")

    # The first Tab reaches the skip link, which takes focus to the main content.
    b.keys(Keys.TAB)
    assert " ".join(b.focused.text.split()) == b.t("layout.skip"), f"first Tab focused {b.describe(b.focused)}"
    b.assert_focus_visible(b.focused)
    b.keys(Keys.ENTER)
    assert b.focused.get_attribute("id") == "main", f"skip link left focus on {b.describe(b.focused)}"

    b.tab_until(lambda el: " ".join(el.text.split()) == b.t("person.recordConversation"), "Record a conversation")
    with b.navigation("keyboard-conversation-form"):
        b.keys(Keys.ENTER)
    assert b.h1() == b.t("conversationForm.newTitle")

    b.tab_to_id("date")  # already today
    b.tab_until(lambda el: el.get_attribute("name") == "kind", "kind of conversation")
    assert b.focused.get_attribute("value") == "what-matters" and b.focused.is_selected()
    b.tab_until(lambda el: el.get_attribute("id") == "participants-5", "Family")
    b.keys(Keys.SPACE)
    b.tab_to_id("othersPresent")
    b.keys("Dafydd (mab)")
    b.tab_until(lambda el: el.get_attribute("name") == "language", "language")
    assert b.focused.get_attribute("value") == "cy" and b.focused.is_selected(), "the person's own language, chosen already"
    b.tab_to_id("whatMatters")
    words = "Cael mynd adref o'r ysbyty cyn y Nadolig, a chadw'r ci."
    b.keys(words)
    b.tab_until(lambda el: el.get_attribute("name") == "whoseWords", "whose words")
    b.tab_to_id("narrative")
    b.keys("Siaradon ni ar y ward gyda'i fab.")
    b.tab_until(lambda el: el.get_attribute("name") == "whatHappenedNext", "what happened next")
    b.keys(Keys.SPACE)
    assert b.checked("whatHappenedNext") == ["information-or-advice"]
    b.tab_until(lambda el: el.tag_name == "button" and " ".join(el.text.split()) == b.t("conversationForm.save"), "Save")
    b.snap("keyboard-conversation-filled")
    with b.navigation("keyboard-conversation-saved"):
        b.keys(Keys.ENTER)

    assert not b.error_summary(), b.error_summary()
    assert b.notice() == b.t("notice.conversationSaved")
    assert " ".join(b.text(".wm-quote").split()) == words
    b.follow(b.t("conversation.heading", kind=b.t("kind.what-matters"), date=b.date(date.today().isoformat())),
             "keyboard-conversation-page")
    took_part = b.texts(".govuk-summary-list__value")[0]
    assert b.t("participant.person") in took_part and b.t("participant.family") in took_part and "Dafydd (mab)" in took_part, took_part
