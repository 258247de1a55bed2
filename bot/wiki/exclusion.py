"""The bot-exclusion templates ({{bots}}, {{nobots}}) read from a text (any revision).

pywikibot's ``botMayEdit`` answers for the page's *current* revision, with a cached list of
the templates it uses; a revision's own text needs the rules applied to that text.
"""

from __future__ import annotations

import mwparserfromhell

__all__ = ["bots_allow"]


def _names(value: str) -> set[str]:
    return {name.strip().lower() for name in value.split(",") if name.strip()}


def bots_allow(text: str, username: str) -> bool:
    """False when {{nobots}}, or {{bots|allow=...}}/{{bots|deny=...}}, exclude ``username``."""
    user = username.split("@", 1)[0].strip().lower()
    for template in mwparserfromhell.parse(text).filter_templates(recursive=True):
        name = str(template.name).strip().replace("_", " ")
        name = name[:1].upper() + name[1:]
        if name.startswith("Template:"):
            name = name.removeprefix("Template:").strip()
        if name == "Nobots":
            return False
        if name != "Bots":
            continue
        params = {str(p.name).strip().lower(): str(p.value) for p in template.params}
        if "allow" in params:
            allowed = _names(params["allow"])
            if "none" in allowed or ("all" not in allowed and user not in allowed):
                return False
        if "deny" in params:
            denied = _names(params["deny"])
            if "all" in denied or user in denied:
                return False
    return True
