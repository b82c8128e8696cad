"""Fixtures for the browser journeys. browser-tests/run starts the server and sets:

  WM_BASE_URL     http://127.0.0.1:PORT of a server started with --demo on a fresh database
  WM_SERVER_LOG   its output, from which the demo sign-ins it printed are read
  WM_SHOTS_DIR    where screenshots go (default browser-tests/screenshots)
  WM_CHROMIUM, WM_CHROMEDRIVER   the browser and its driver (default Debian's)
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from helpers.browser import Browser
from helpers.journeys import Account

HERE = Path(__file__).resolve().parent
SHOTS = Path(os.environ.get("WM_SHOTS_DIR", HERE / "screenshots"))
_all_visits: list[tuple[str, object]] = []
_axe_version: list[str] = []


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("WM_BASE_URL")
    if not url:
        pytest.exit("WM_BASE_URL is not set: run browser-tests/run, which starts the server", returncode=2)
    return url


@pytest.fixture(scope="session")
def accounts() -> dict[str, Account]:
    """The demo sign-ins exactly as `whatmatters serve --demo` printed them."""
    log = os.environ.get("WM_SERVER_LOG")
    assert log and Path(log).exists(), "WM_SERVER_LOG is not set to the server's output"
    found = {}
    for line in Path(log).read_text(encoding="utf-8", errors="replace").splitlines():
        m = re.fullmatch(r"\s+([a-z-]+)\s+(\S+@\S+)\s+(\S+)\s*", line)
        if m:
            found[m.group(1)] = Account(*m.groups())
    assert "practitioner" in found, f"no demo sign-ins in the server's output ({log})"
    return found


@pytest.fixture
def practitioner(accounts) -> Account:
    return accounts["practitioner"]


def make_driver() -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("WM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--window-size=1280,1000", "--lang=en-GB",
                "--force-prefers-reduced-motion"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-GB,en"})
    service = Service(executable_path=os.environ.get("WM_CHROMEDRIVER", shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)  # axe on a long page
    return driver


@pytest.fixture
def browser(request, base_url):
    driver = make_driver()
    b = Browser(driver, base_url, SHOTS, request.node.name)
    yield b
    _all_visits.extend((request.node.name, v) for v in b.visits)
    if b.axe_version and not _axe_version:
        _axe_version.append(b.axe_version)
    driver.quit()


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    """After a journey that passed, every page it visited must be free of serious and
    critical axe violations; the failure lists them all."""
    result = yield
    b = pyfuncitem.funcargs.get("browser")
    if isinstance(b, Browser):
        b.assert_accessible()
    return result


def pytest_terminal_summary(terminalreporter):
    if not _all_visits:
        return
    blocking = sum(len(v.violations) for _, v in _all_visits)
    minor = sum(len(v.minor) for _, v in _all_visits)
    terminalreporter.section("axe-core")
    terminalreporter.write_line(f"axe-core {_axe_version[0] if _axe_version else '?'}: {len(_all_visits)} pages checked in "
                                f"{len({t for t, _ in _all_visits})} journeys; serious or critical violations: {blocking}; "
                                f"moderate or minor (reported, not failing): {minor}")
    by_rule: dict[tuple[str, str], list[str]] = {}
    for test, v in _all_visits:
        for item in v.violations + v.minor:
            by_rule.setdefault((item["impact"], item["id"]), []).append(re.sub(r"[0-9A-F-]{36}", ":id", v.url.split("?")[0]))
    for (impact, rule), urls in sorted(by_rule.items()):
        terminalreporter.write_line(f"  [{impact}] {rule}: {len(urls)} page(s): {', '.join(sorted(set(urls)))}")
    terminalreporter.write_line(f"screenshots: {SHOTS}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "axe-report.json").write_text(json.dumps([
        {"test": test, "page": v.number, "label": v.label, "url": v.url, "title": v.title, "screenshot": v.screenshot,
         "violations": [{k: i.get(k) for k in ("id", "impact", "help", "helpUrl")} | {"targets": [n.get("target") for n in i.get("nodes", [])]}
                        for i in v.violations + v.minor]}
        for test, v in _all_visits], indent=2, ensure_ascii=False), encoding="utf-8")
