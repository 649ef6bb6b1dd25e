"""Typer's own words: English is what Typer says by itself (so English need not load its help module), Dutch is set."""

import os
import subprocess
import sys

from qualcode.cli.library_words import TYPER_WORDS

CHECK = """
import typer.rich_utils
from qualcode.cli.library_words import TYPER_WORDS
print(all(getattr(typer.rich_utils, name) == text for name, text in TYPER_WORDS.items()))
"""


def test_typer_says_the_english_words_itself():
    finished = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120)
    assert finished.stdout.strip() == "True", finished.stderr


def test_dutch_sets_every_word():
    script = ("import os\nfrom qualcode.domain.language import start_language\nstart_language(None, os.environ)\n"
              "import typer.rich_utils, qualcode.cli.command_groups\n"
              "from qualcode.cli.library_words import TYPER_WORDS\n"
              "print(sum(getattr(typer.rich_utils, name) != text for name, text in TYPER_WORDS.items()))")
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "QUALCODE_LANG": "nl"})
    assert finished.stdout.strip() == str(len(TYPER_WORDS)), finished.stderr
