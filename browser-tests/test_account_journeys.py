"""A member of staff looking after their own account. Every page visited is checked by axe-core
and photographed, like the other journeys.

The journey changes the demo mentor's password, so no other journey signs in as the mentor.
"""
from __future__ import annotations

from helpers.journeys import Account, open_nav, sign_in, sign_out, use_language


def test_change_your_password_in_welsh(browser, accounts):
    """From the navigation, in Welsh: a wrong current password and an unusable new one are
    named on their fields with nothing typed sent back; then the change, and signing in with
    the new password (and not the old)."""
    b = browser
    mentor = accounts["mentor"]
    sign_in(b, mentor)
    use_language(b, "cy")
    open_nav(b, "nav.password", "password-form")
    assert b.h1() == b.t("password.title")

    b.fill("currentPassword", "not-my-password-at-all")
    b.fill("newPassword", "byr")
    b.fill("confirmPassword", "rhywbeth arall")
    b.submit(b.t("password.button"), "password-refused")
    summary = dict((field, message) for message, field in b.error_summary())
    assert summary.get("currentPassword") == b.t("password.currentWrong"), summary
    assert summary.get("newPassword") == b.t("password.tooShort", min=10), summary
    assert "confirmPassword" in summary, summary
    for field in ("currentPassword", "newPassword", "confirmPassword"):
        assert b.value(field) == "", f"{field} was sent back to the browser"

    new_password = "tri gair ar hap ger y lli"
    b.fill("currentPassword", mentor.password)
    b.fill("newPassword", new_password)
    b.fill("confirmPassword", new_password)
    b.submit(b.t("password.button"), "password-changed")
    assert b.notice() == b.t("password.changed"), b.notice()

    sign_out(b)
    b.go("/sign-in", "sign-in-old-password")
    b.fill("email", mentor.email)
    b.fill("password", mentor.password)
    b.submit(b.t("signIn.button"), "old-password-refused")
    assert b.error_summary(), "the old password still signs in"
    sign_in(b, Account(mentor.role, mentor.email, new_password))
