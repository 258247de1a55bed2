"""A small MediaWiki API client for the tests: log in, create pages, render them.

The bot under test talks to the wiki through pywikibot; the tests set the wiki up and ask it
for the truth (``action=parse``) through this independent client, built on ``requests``.
"""

from __future__ import annotations

import requests

__all__ = ["ApiError", "WikiApi"]


class ApiError(RuntimeError):
    """An error answer of the API; ``code`` is MediaWiki's error code."""

    def __init__(self, error: dict):
        super().__init__(f"API error: {error}")
        self.code = str(error.get("code", ""))

    @property
    def internal(self) -> bool:
        """An uncaught exception inside MediaWiki (or an extension), not a bad request."""
        return self.code.startswith("internal_api_error")


class WikiApi:
    def __init__(self, api: str, login: str | None = None, secret: str | None = None):
        self.api = api
        self.session = requests.Session()
        self._token: str | None = None
        if login:
            self.login(login, secret or "")

    def _call(self, method: str, params: dict) -> dict:
        params = {"format": "json", "formatversion": "2", **params}
        if method == "GET":
            response = self.session.get(self.api, params=params, timeout=60)
        else:
            response = self.session.post(self.api, data=params, timeout=120)
        response.raise_for_status()
        data = response.json()
        if "error" in data:
            raise ApiError(data["error"])
        return data

    def get(self, **params) -> dict:
        return self._call("GET", params)

    def post(self, **params) -> dict:
        return self._call("POST", params)

    def login(self, name: str, secret: str) -> None:
        token = self.get(action="query", meta="tokens", type="login")["query"]["tokens"]
        result = self.post(
            action="login", lgname=name, lgpassword=secret, lgtoken=token["logintoken"]
        )["login"]
        if result["result"] != "Success":
            raise RuntimeError(f"test login failed: {result}")

    @property
    def csrf(self) -> str:
        if self._token is None:
            data = self.get(action="query", meta="tokens")
            self._token = data["query"]["tokens"]["csrftoken"]
        return self._token

    def edit(self, title: str, text: str, summary: str = "test set-up", **extra) -> dict:
        data = self.post(
            action="edit", title=title, text=text, summary=summary, token=self.csrf, bot=1,
            **extra,
        )
        return data["edit"]

    def revid(self, title: str) -> int:
        data = self.get(action="query", prop="revisions", titles=title, rvprop="ids")
        return data["query"]["pages"][0]["revisions"][0]["revid"]

    def parse(self, text: str | None = None, title: str = "Oracle", page: str | None = None,
              **props) -> dict:
        """Render wikitext (or a saved page) with action=parse and return its answer."""
        params = {"action": "parse", "disablelimitreport": 1, **props}
        if page is not None:
            params["page"] = page
        else:
            params.update(text=text, contentmodel="wikitext", title=title)
        return self.post(**params)["parse"]
