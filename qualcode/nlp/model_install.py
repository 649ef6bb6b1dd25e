"""How to install nl_core_news_lg on a machine with internet (qualcode never downloads models itself)."""

from __future__ import annotations

from qualcode.domain.language import _

RELEASES = "https://github.com/explosion/spacy-models/releases/download"


def model_version(spacy_version: str) -> str:
    """The model release matching a spaCy version: models follow spaCy's major.minor (3.8.x → 3.8.0)."""
    major, minor = spacy_version.split(".")[:2]
    return f"{major}.{minor}.0"


def wheel_url(package: str, spacy_version: str) -> str:
    """The wheel on spaCy's GitHub releases, e.g. ``.../nl_core_news_lg-3.8.0/nl_core_news_lg-3.8.0-py3-none-any.whl``."""
    version = model_version(spacy_version)
    return f"{RELEASES}/{package}-{version}/{package}-{version}-py3-none-any.whl"


def install_commands(spacy_version: str, package: str = "nl_core_news_lg") -> list[tuple[str, str]]:
    """(label, command) pairs that install ``package`` into the environment qualcode runs in."""
    url = wheel_url(package, spacy_version)
    return [
        (_("uv project (adds it to pyproject.toml)"), f"uv add {url}"),
        (_("uv, this environment only"), f"uv pip install {url}"),
        ("pip", f"pip install {url}"),
        (_("spaCy's own downloader (pip underneath)"), f"python -m spacy download {package}"),
        (_("then check"), "qualcode doctor"),
    ]
