"""A thin layer over Selenium for WhatMatters journeys.

Every page the browser lands on (a link followed, a form sent, an address typed) goes
through `Browser.arrived()`, which
  * waits for the new document to finish loading,
  * runs axe-core on it and keeps every serious or critical violation, and
  * saves a numbered full-page screenshot in screenshots/<test>/.
A journey therefore never calls axe itself: it only has to move through the app with the
helpers here (`go`, `follow`, `press`, `submit`, `keys`).  `assert_accessible()` (called for
every test by conftest.py) fails the test listing the violations of every page visited.

Interface text comes from the app's own string tables (Sources/WhatMattersWeb/Resources/
strings/{en,cy}.json) through `t(key)`, in the language of the page on screen, so a journey
reads the same in Welsh and English and does not break when wording is improved.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from axe_selenium_python import Axe
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(os.environ.get("WHATMATTERS_ROOT", Path(__file__).resolve().parents[2]))
STRINGS_DIR = ROOT / "Sources" / "WhatMattersWeb" / "Resources" / "strings"
BLOCKING_IMPACTS = ("serious", "critical")
# What axe checks: every WCAG 2.0, 2.1 and 2.2 A and AA rule (public services in the UK must
# meet WCAG 2.2 AA) and axe's best practices.
AXE_OPTIONS = ('{"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", '
               '"best-practice"]}, "resultTypes": ["violations"]}')
PAGE_TIMEOUT = 20


def load_strings() -> dict[str, dict[str, str]]:
    return {lang: json.loads((STRINGS_DIR / f"{lang}.json").read_text(encoding="utf-8")) for lang in ("en", "cy")}


STRINGS = load_strings()


def fill_placeholders(text: str, values: dict[str, object]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), text)


@dataclass
class PageVisit:
    """One page the browser arrived at, with what axe said about it."""
    number: int
    label: str
    url: str
    title: str
    screenshot: str
    violations: list[dict] = field(default_factory=list)  # serious and critical only
    minor: list[dict] = field(default_factory=list)       # moderate and minor, reported only
    untranslated: list[str] = field(default_factory=list)  # English interface text on a Welsh page


class Browser:
    def __init__(self, driver: WebDriver, base_url: str, shots_dir: Path, test_name: str):
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        self.shots_dir = shots_dir / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_name)
        self.shots_dir.mkdir(parents=True, exist_ok=True)
        self.visits: list[PageVisit] = []
        self.axe = Axe(driver)
        self.axe_version = ""
        self.shots = 0
        self.require_pages = True  # a journey that checks no page of the app is a broken journey

    # ------------------------------------------------------------------ language and text

    @property
    def lang(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") or "en"

    def t(self, key: str, lang: str | None = None, **values: object) -> str:
        """The app's own text for `key`, in the page's language unless `lang` is given."""
        return fill_placeholders(STRINGS[lang or self.lang][key], values)

    def date(self, iso: str, lang: str | None = None) -> str:
        """A date as the app writes it: 17 Mai 1948."""
        year, month, day = (int(x) for x in iso.split("-"))
        return f"{day} {self.t(f'month.{month}', lang)} {year}"

    def error(self, key: str, field_key: str, lang: str | None = None, **values: object) -> str:
        """A field's error message as the app words it: error.required + field.name → Enter full name."""
        label = self.t(field_key, lang)
        return self.t(key, lang, field=label, fieldLower=label[:1].lower() + label[1:], **values)

    # ------------------------------------------------------------------ arriving at pages

    def url(self, path: str) -> str:
        return path if re.match(r"^[a-z]+:", path) else self.base_url + path

    @property
    def path(self) -> str:
        current = self.driver.current_url
        return current[len(self.base_url):] if current.startswith(self.base_url) else current

    def arrived(self, label: str) -> PageVisit:
        """The browser is on a new page: wait for it, check it with axe, photograph it."""
        WebDriverWait(self.driver, PAGE_TIMEOUT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        number = len(self.visits) + 1
        self.axe.inject()
        results = self.axe.run(options=AXE_OPTIONS)
        self.axe_version = (results.get("testEngine") or {}).get("version", "unknown")
        assert self.axe_version.split(".")[0].isdigit() and int(self.axe_version.split(".")[0]) >= 4, \
            f"axe-core {self.axe_version} is too old to judge current HTML: install axe-selenium-python>=3"
        violations = results.get("violations", [])
        shot = self.snap(label)
        visit = PageVisit(number=number, label=label, url=self.path, title=self.driver.title, screenshot=shot,
                          violations=[v for v in violations if v.get("impact") in BLOCKING_IMPACTS],
                          minor=[v for v in violations if v.get("impact") not in BLOCKING_IMPACTS])
        visit.untranslated = self.english_on_welsh_page()
        self.visits.append(visit)
        return visit

    def english_on_welsh_page(self) -> list[str]:
        """Interface text still in English on a page that says it is in Welsh (Welsh and English
        are equal: every string exists in both). Compares the page's text with en.json."""
        if self.lang != "cy":
            return []
        shown = " ".join(self.driver.find_element(By.TAG_NAME, "body").text.split())
        found = []
        for key, english in STRINGS["en"].items():
            welsh = STRINGS["cy"].get(key, "")
            for part in re.split(r"\{\w+\}", english):   # the fixed text between placeholders
                part = " ".join(part.split()).strip(" :;,.()")
                if len(part) >= 12 and part not in welsh and part in shown:
                    found.append(f"{key}: {part!r}")
        return found

    @contextlib.contextmanager
    def navigation(self, label: str) -> Iterator[None]:
        """Wraps an action that loads a new page (follow a link, send a form, press Enter)."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        yield
        def gone(_: WebDriver) -> bool:
            try:
                old.get_attribute("lang")
                return False
            except StaleElementReferenceException:
                return True
            except WebDriverException as e:
                # Chromium's driver sometimes reports the old page's element as a node that
                # "does not belong to the document" rather than as stale: the page has gone.
                if "does not belong to the document" in str(e) or "No node with given id" in str(e):
                    return True
                raise
        WebDriverWait(self.driver, PAGE_TIMEOUT).until(gone, f"no new page after: {label}")
        self.arrived(label)

    def go(self, path: str, label: str) -> PageVisit:
        self.driver.get(self.url(path))
        return self.arrived(label)

    def follow(self, text: str, label: str, within: WebElement | None = None, exact: bool = True) -> None:
        """Click the link (or link-styled button) whose visible text is `text`."""
        link = self.link(text, within=within, exact=exact)
        # A link that wraps onto two lines at the foot of the window can be "in view" yet
        # missed by the click: bring it to the middle of the window first.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", link)
        with self.navigation(label):
            link.click()

    def link(self, text: str, within: WebElement | None = None, exact: bool = True) -> WebElement:
        scope = within or self.driver
        candidates = scope.find_elements(By.CSS_SELECTOR, "a, button")
        for el in candidates:
            shown = " ".join(el.text.split())
            if (shown == text if exact else text in shown) and el.is_displayed():
                return el
        shown = sorted({" ".join(el.text.split()) for el in candidates if el.text.strip()})
        raise AssertionError(f"no link or button {text!r} on {self.path}; there are: {shown}")

    def submit(self, button_text: str, label: str) -> None:
        """Press the form's submit button with this text."""
        button = self.driver.find_element(By.XPATH, f"//button[normalize-space()={xpath_literal(button_text)}]")
        self.snap(f"{label}-before")
        with self.navigation(label):
            button.click()

    # ------------------------------------------------------------------ filling forms

    def field(self, field_id: str) -> WebElement:
        return self.driver.find_element(By.ID, field_id)

    def fill(self, field_id: str, text: str) -> None:
        el = self.field(field_id)
        el.clear()
        el.send_keys(text)

    def fill_date(self, field_id: str, iso_date: str) -> None:
        """Date inputs take their value by script: typing into one depends on the browser's locale."""
        el = self.field(field_id)
        self.driver.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}))",
            el, iso_date)

    def choose(self, name: str, value: str) -> None:
        """Tick the radio (or checkbox) `name` with `value`, by clicking its label as a person would."""
        box = self.driver.find_element(By.CSS_SELECTOR, f"input[name={css_string(name)}][value={css_string(value)}]")
        if not box.is_selected():
            self.driver.find_element(By.CSS_SELECTOR, f"label[for={css_string(box.get_attribute('id'))}]").click()
        assert box.is_selected(), f"{name}={value} could not be chosen"

    def select(self, field_id: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select
        Select(self.field(field_id)).select_by_value(value)

    def value(self, field_id: str) -> str:
        return self.field(field_id).get_attribute("value") or ""

    def checked(self, name: str) -> list[str]:
        return [el.get_attribute("value") for el in
                self.driver.find_elements(By.CSS_SELECTOR, f"input[name={css_string(name)}]") if el.is_selected()]

    # ------------------------------------------------------------------ reading pages

    def text(self, css: str) -> str:
        return " ".join(self.driver.find_element(By.CSS_SELECTOR, css).text.split())

    def texts(self, css: str) -> list[str]:
        return [" ".join(el.text.split()) for el in self.driver.find_elements(By.CSS_SELECTOR, css)]

    def h1(self) -> str:
        """The page heading without its caption."""
        return self.driver.execute_script(
            "const h = document.querySelector('main h1'); if (!h) return '';"
            "return Array.from(h.childNodes).filter(n => n.nodeType === Node.TEXT_NODE)"
            ".map(n => n.textContent).join('').trim();")

    def error_summary(self) -> list[tuple[str, str]]:
        """(message, href) for each link in the error summary; [] when there is none."""
        return [(" ".join(a.text.split()), a.get_attribute("href").split("#", 1)[-1]) for a in
                self.driver.find_elements(By.CSS_SELECTOR, ".govuk-error-summary a")]

    def notice(self) -> str:
        found = self.texts(".govuk-notification-banner")
        return found[0] if found else ""

    def exists(self, css: str) -> bool:
        try:
            self.driver.find_element(By.CSS_SELECTOR, css)
            return True
        except NoSuchElementException:
            return False

    # ------------------------------------------------------------------ the keyboard

    def keys(self, *keys: str) -> None:
        """Send keys to whatever has focus, as a person at a keyboard would."""
        ActionChains(self.driver).send_keys(*keys).perform()

    @property
    def focused(self) -> WebElement:
        return self.driver.switch_to.active_element

    def describe(self, el: WebElement) -> str:
        return self.driver.execute_script(
            "const e = arguments[0]; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +"
            "(e.name ? '[name=' + e.name + ']' : '') + (e.value && e.type === 'radio' ? '[value=' + e.value + ']' : '') +"
            "' ' + JSON.stringify((e.innerText || e.value || '').trim().slice(0, 40))", el)

    def tab_until(self, matches: Callable[[WebElement], bool], what: str, limit: int = 40) -> list[str]:
        """Press Tab until the focused element matches; returns the focus order on the way."""
        order = []
        for _ in range(limit):
            self.keys(Keys.TAB)
            el = self.focused
            order.append(self.describe(el))
            self.assert_focus_visible(el)
            if matches(el):
                return order
        raise AssertionError(f"{what} not reached with {limit} presses of Tab; focus went: {order}")

    def tab_to_id(self, element_id: str, limit: int = 40) -> list[str]:
        return self.tab_until(lambda el: el.get_attribute("id") == element_id, f"#{element_id}", limit)

    def assert_focus_visible(self, el: WebElement) -> None:
        """WCAG 2.4.7: whatever has keyboard focus shows it (an outline or a box shadow)."""
        style = self.driver.execute_script(
            "const e = arguments[0], s = getComputedStyle(e);"
            "return {own: e.matches(':focus'), outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,"
            " shadow: s.boxShadow !== 'none'};", el)
        if not style["own"]:
            return  # focus is on a part of a built-in control (a date input's calendar button), drawn by the browser
        assert style["outline"] or style["shadow"], f"no visible focus indicator on {self.describe(el)} at {self.path}"

    # ------------------------------------------------------------------ screenshots and axe

    def snap(self, label: str) -> str:
        """A numbered screenshot of this step (page arrivals take one by themselves)."""
        self.shots += 1
        return self.screenshot(f"{self.shots:02d}-{label}")

    def screenshot(self, name: str) -> str:
        """A full-page PNG (not just the viewport)."""
        path = self.shots_dir / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name) + ".png")
        try:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
            path.write_bytes(base64.b64decode(shot["data"]))
        except Exception:  # not every driver speaks CDP: the viewport will do
            self.driver.save_screenshot(str(path))
        return str(path)

    def accessibility_report(self, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> str:
        lines = []
        for visit in self.visits:
            found = visit.violations if impacts == BLOCKING_IMPACTS else visit.violations + visit.minor
            for v in found:
                lines.append(f"  page {visit.number} {visit.label} ({visit.url}): [{v['impact']}] {v['id']}: {v['help']}")
                for node in v.get("nodes", [])[:5]:
                    lines.append(f"      at {', '.join(map(str, node.get('target', [])))}: "
                                 f"{(node.get('failureSummary') or '').splitlines()[-1].strip() if node.get('failureSummary') else ''}")
                lines.append(f"      {v.get('helpUrl', '')}")
        return "\n".join(lines)

    def assert_accessible(self) -> None:
        assert self.visits or not self.require_pages, "the journey visited no page, so axe checked nothing"
        english = [f"page {v.number} {v.label} ({v.url}): {text}" for v in self.visits for text in v.untranslated]
        assert not english, "English interface text on Welsh pages:\n  " + "\n  ".join(english)
        bad = [v for v in self.visits if v.violations]
        if bad:
            count = sum(len(v.violations) for v in bad)
            raise AssertionError(f"axe-core: {count} serious or critical violation(s) on {len(bad)} of "
                                 f"{len(self.visits)} page(s) visited:\n{self.accessibility_report()}")


def css_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def xpath_literal(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in value.split("'")) + ")"
