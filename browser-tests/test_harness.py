"""The harness checks itself: a page with known problems must be caught, so that a silent
axe (not injected, wrong frame, nothing run) can never pass for an accessible app."""
from __future__ import annotations

from urllib.parse import quote

BROKEN = ("<!doctype html><html><head><title>broken</title></head><body>"
          "<img src='x.png'><label>Name</label><input id=name>"
          "<a href='/x'></a><p style='color:#ccc;background:#fff'>pale text</p></body></html>")


def test_axe_catches_known_violations(browser):
    visit = browser.go("data:text/html;charset=utf-8," + quote(BROKEN), "known-violations")
    found = {v["id"] for v in visit.violations}
    # image without alt text (critical), link without text (serious), field without a label
    # (critical), missing lang (serious), low contrast (serious)
    expected = {"image-alt", "link-name", "label", "html-has-lang", "color-contrast"}
    assert expected <= found, f"axe missed {sorted(expected - found)}; it found {sorted(found)}"
    browser.visits.clear()  # seen, and expected: this page is not the app's
    browser.require_pages = False


def test_english_left_on_a_welsh_page_is_caught(browser):
    page = ("<!doctype html><html lang='cy'><head><title>Cofnodi sgwrs</title></head><body><main>"
            "<h1>Cofnodi sgwrs</h1><button>Save conversation</button></main></body></html>")
    visit = browser.go("data:text/html;charset=utf-8," + quote(page), "english-on-welsh-page")
    assert any(item.startswith("conversationForm.save:") for item in visit.untranslated), visit.untranslated
    browser.visits.clear()
    browser.require_pages = False
