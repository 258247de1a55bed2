"""Domain errors.  Only the CLI turns them into messages and exit codes.

Every message is one line that names the input and the problem, written for a wiki editor.
Messages never contain credentials.
"""

__all__ = [
    "ConfigError",
    "EditConflict",
    "InputError",
    "UsageError",
    "WikiDown",
    "WikiError",
    "WikiUnavailable",
    "WikiwardenError",
]


class WikiwardenError(Exception):
    """Base class: an expected failure with a message fit for the user."""


class UsageError(WikiwardenError):
    """The command line asks for something impossible (unknown code, bad option value)."""


class ConfigError(WikiwardenError):
    """A configuration file or profile is missing or invalid."""


class InputError(WikiwardenError):
    """An input (file, dump, page) cannot be read.

    ``source`` names the input (a path or a page title) so the message can start with it.
    """

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class WikiError(WikiwardenError):
    """The wiki cannot be reached, refuses the login, or answers with an error."""


class EditConflict(WikiError):
    """Someone else saved the page after the revision our edit is based on."""


class WikiUnavailable(WikiError):
    """A request failed for a reason that may pass (5xx, timeout, cut connection, maxlag):
    the page is skipped with the reason; many in a row mean the wiki is down."""


class WikiDown(WikiError):
    """The wiki cannot be reached, refuses the login, or failed too many times in a row:
    the run stops (exit status ``WIKI_DOWN``)."""
