"""Errors the store raises; each message says what is wrong in words a researcher can act on."""


class ProjectError(Exception):
    """A project cannot be opened or an operation on it is refused; nothing was changed."""


class NotFoundError(ProjectError):
    """A document, code, coder or case named by the user does not exist."""
