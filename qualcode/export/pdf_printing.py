"""HTML to PDF through a headless Chromium or Chrome: the page prints exactly as a browser prints it.

qualcode writes PDF by printing its own HTML with the browser the researcher already has,
rather than with a second layout engine: the PDF then matches the HTML page for page (the
same CSS print rules, SVG and fonts), and nothing needs compiling. The browser is the one
``QUALCODE_BROWSER`` names, else the first of ``BROWSER_NAMES`` on the ``PATH`` (or in its usual
place on macOS and Windows).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from qualcode.domain.language import _

BROWSER_VARIABLE = "QUALCODE_BROWSER"
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
                 "microsoft-edge")
_USUAL_PLACES = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
)
PRINT_SECONDS = 180
"""How long a browser may take to print before it is stopped (a hung browser must not hang qualcode)."""


class PdfError(Exception):
    """No PDF could be printed; the message says why and how to get one."""


def find_browser() -> Path | None:
    """The browser that prints PDF, or None when there is none."""
    named = os.environ.get(BROWSER_VARIABLE, "").strip()
    if named:
        found = shutil.which(named)
        return Path(found) if found else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return next((Path(place) for place in _USUAL_PLACES if Path(place).is_file()), None)


def missing_browser_message() -> str:
    named = os.environ.get(BROWSER_VARIABLE, "").strip()
    if named:
        return _("{variable} names {browser}, which is not a program here; unset it or name Chromium or Chrome").format(
            variable=BROWSER_VARIABLE, browser=named)
    return _("writing PDF needs Chromium or Chrome (Debian/Ubuntu: apt install chromium; macOS: brew install "
             "--cask chromium; or set {variable}); or write .html and print it from any browser").format(
        variable=BROWSER_VARIABLE)


def print_pdf(html: str, target: Path) -> None:
    """Print the page ``html`` to the PDF file ``target`` (A4, no browser header or footer); PdfError on failure."""
    browser = find_browser()
    if browser is None:
        raise PdfError(missing_browser_message())
    with tempfile.TemporaryDirectory(prefix="qualcode-pdf-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        command = [str(browser), "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                   "--disable-extensions", "--disable-background-networking", f"--user-data-dir={folder}/profile",
                   "--no-pdf-header-footer", f"--print-to-pdf={target}", page.as_uri()]
        if sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root (containers, CI)
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(_("{browser} did not finish printing within {seconds} s").format(
                browser=browser.name, seconds=PRINT_SECONDS)) from None
        except OSError as error:
            raise PdfError(_("cannot run {browser}: {reason}").format(browser=browser, reason=error.strerror)) from None
    if finished.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
        detail = (finished.stderr or "").strip().splitlines()
        raise PdfError(_("{browser} could not print the PDF (exit status {status}{detail})").format(
            browser=browser.name, status=finished.returncode, detail=f": {detail[-1]}" if detail else ""))
