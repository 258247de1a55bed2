"""Lua patterns (as CS1 writes them) translated to Python regular expressions.

CS1's date grammar and its parameter-name suggestions are Lua patterns.  Lua's matcher
backtracks in the same order as Python's for ``*`` (greedy), ``-`` (lazy), ``+`` and ``?``,
so a translated pattern matches exactly what the Lua one matches.  ``ustring=True`` gives
``mw.ustring`` semantics (character classes over Unicode), else ``string`` semantics (ASCII).
``%b`` and ``%f`` are not used by CS1's tables and are refused.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["LuaPatternError", "compile_lua"]


class LuaPatternError(ValueError):
    """A Lua pattern this translator does not handle."""


_ASCII = {
    "a": "A-Za-z", "d": "0-9", "l": "a-z", "u": "A-Z", "s": " \\t\\n\\r\\f\\v",
    "w": "A-Za-z0-9", "x": "0-9A-Fa-f", "p": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "c": "\\x00-\\x1f\\x7f",
}
_UNICODE = {"a": "[^\\W\\d_]", "d": "\\d", "s": "\\s", "w": "[^\\W_]"}


def _class(letter: str, ustring: bool, in_set: bool) -> str:
    lower = letter.lower()
    if lower not in _ASCII:
        return re.escape(letter)  # %% %- %. ...: the character itself
    negate = letter.isupper()
    if ustring and lower in _UNICODE:
        body = _UNICODE[lower]
        if lower in ("a", "w"):
            return ("[\\W\\d_]" if lower == "a" else "[\\W_]") if negate else body
        return body.upper() if negate else body
    if in_set:
        if negate:
            raise LuaPatternError(f"%{letter} inside a set")
        return _ASCII[lower]
    return f"[{'^' if negate else ''}{_ASCII[lower]}]"


def _set(pattern: str, i: int, ustring: bool) -> tuple[str, int]:
    """Translate the set starting at ``pattern[i] == '['``; return (regex, index after ']')."""
    i += 1
    out = "["
    if i < len(pattern) and pattern[i] == "^":
        out += "^"
        i += 1
    first = True
    while i < len(pattern) and (pattern[i] != "]" or first):
        ch = pattern[i]
        first = False
        if ch == "%":
            item = _class(pattern[i + 1], ustring, True)
            if item.startswith("["):  # a Unicode class: splice its body
                item = item[1:-1]
                if item.startswith("^"):
                    raise LuaPatternError("negated class inside a set")
            out += item
            i += 2
        elif i + 2 < len(pattern) and pattern[i + 1] == "-" and pattern[i + 2] != "]":
            out += f"{re.escape(ch)}-{re.escape(pattern[i + 2])}"
            i += 3
        else:
            out += re.escape(ch)
            i += 1
    if i >= len(pattern):
        raise LuaPatternError("unclosed set")
    return out + "]", i + 1


def _translate(pattern: str, ustring: bool) -> str:
    out: list[str] = []
    i = 0
    if pattern.startswith("^"):
        out.append("^")
        i = 1
    while i < len(pattern):
        ch = pattern[i]
        if ch == "%":
            if i + 1 >= len(pattern):
                raise LuaPatternError("pattern ends with %")
            nxt = pattern[i + 1]
            if nxt in "bf":
                raise LuaPatternError(f"%{nxt} is not supported")
            if nxt.isdigit():
                out.append(f"(?:\\{nxt})")
                i += 2
                continue
            item, i = _class(nxt, ustring, False), i + 2
        elif ch == "[":
            item, i = _set(pattern, i, ustring)
        elif ch in "()":
            out.append(ch)
            i += 1
            continue
        elif ch == "$" and i == len(pattern) - 1:
            out.append("\\Z")
            i += 1
            continue
        elif ch == ".":
            item, i = "(?s:.)", i + 1
        else:
            item, i = re.escape(ch), i + 1
        if i < len(pattern) and pattern[i] in "*+?-":
            item += {"*": "*", "+": "+", "?": "?", "-": "*?"}[pattern[i]]
            i += 1
        out.append(item)
    return "".join(out)


@lru_cache(maxsize=512)
def compile_lua(pattern: str, ustring: bool = True) -> re.Pattern[str]:
    """The Python regular expression matching what the Lua pattern matches.

    Use ``.search`` as Lua's ``match`` does (anchored only by ``^``)."""
    return re.compile(_translate(pattern, ustring))
