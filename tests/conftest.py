"""Every test runs in English, whatever the machine's locale: the commands a test starts get
``QUALCODE_LANG=en``, and a test that switches the language has it switched back afterwards."""

import os

import pytest

from qualcode.domain.language import ENGLISH, LANGUAGE_ENVIRONMENT_VARIABLE, start_language

os.environ[LANGUAGE_ENVIRONMENT_VARIABLE] = ENGLISH


@pytest.fixture(autouse=True)
def english_interface():
    yield
    start_language(ENGLISH, {})
