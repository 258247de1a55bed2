"""Generate wikiwarden's citation data from CS1's own source (Module:Citation/CS1/...).

The data (:func:`generate`) comes from the Lua modules themselves, run by a real Lua 5.1
(the ``lupa`` library, which bundles the interpreter Scribunto uses) with a small stand-in
for the few ``mw`` calls the modules make while loading.  Running the Lua, rather than
reading its text with a home-made parser, means computed tables, comments and odd
formatting are read exactly as CS1 reads them.  The one thing Lua cannot give back is a
comment: CS1 marks old (removed) parameter names in Module:Citation/CS1/Suggestions only by
the comment "old parameter name", so those comments are read from the source text.

Used at build time by ``scripts/cs1data`` (the bundled ``cs1.json``) and at run time for a
live wiki's own modules (:mod:`bot.wiki.cs1modules`) or a module folder named in the config.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from pathlib import Path

__all__ = ["MODULES", "CS1DataError", "generate", "read_folder", "templates_from_folder",
           "to_json"]

#: the CS1 submodules the data comes from (page titles below Module:Citation/CS1/)
MODULES = ("Whitelist", "Configuration", "Suggestions", "Date validation")

#: CS1 templates that English Wikipedia has but the bundled package lacks, with the
#: CitationClass each passes to the module (the pairs of ../shared/notes/cs1-oracle.md).
EXTRA_TEMPLATES = {
    "Cite AV media": "audio-visual", "Cite AV media notes": "AV-media-notes",
    "Cite arXiv": "arxiv", "Cite bioRxiv": "biorxiv", "Cite CiteSeerX": "citeseerx",
    "Cite interview": "interview", "Cite mailing list": "mailinglist", "Cite map": "map",
    "Cite newsgroup": "newsgroup", "Cite podcast": "podcast",
    "Cite press release": "pressrelease", "Cite serial": "serial", "Cite sign": "sign",
    "Cite speech": "speech", "Cite SSRN": "ssrn", "Cite techreport": "techreport",
    "Cite tech report": "techreport", "Cite video": "audio-visual",
}

_STUB = r"""
mw = {
  title = {getCurrentTitle = function() return {getContent = function() return '' end} end},
  getContentLanguage = function()
    return {getCode = function() return LANG end, formatDate = function() return '' end,
            parseFormattedNumber = function(_, s) return tonumber(s) end}
  end,
  site = {server = '//wiki.invalid'},
  getCurrentFrame = function() return {preprocess = function() return LANG end} end,
  language = {fetchLanguageName = function() return '' end,
              fetchLanguageNames = function() return {} end,
              isKnownLanguageTag = function() return true end},
  ustring = {gsub = string.gsub, match = string.match, find = string.find,
             len = string.len, lower = string.lower, upper = string.upper,
             sub = string.sub, gmatch = string.gmatch, format = string.format},
  text = {}, loadData = function() return {} end,
}
-- anything else a newer module touches while loading: an inert value, not an error
local function inert()
  return setmetatable({}, {__index = function() return inert() end,
                           __call = function() return '' end})
end
setmetatable(mw, {__index = function() return inert() end})
"""


class CS1DataError(ValueError):
    """The CS1 module text could not be read into data (one line, names the module)."""


def _plain(value):
    """A Lua value as plain Python data (tables with keys 1..n become lists)."""
    if hasattr(value, "items") and not isinstance(value, dict):
        items = {k: _plain(v) for k, v in value.items()}
        if items and all(isinstance(k, int) for k in items) and \
                sorted(items) == list(range(1, len(items) + 1)):
            return [items[k] for k in range(1, len(items) + 1)]
        return {str(k): v for k, v in items.items() if not callable(v)}
    return value


def _run(lua, source: str, name: str):
    loader = lua.eval(
        "function(src, name) local fn, err = loadstring(src, '=' .. name) "
        "if not fn then error(err, 0) end return fn() end")
    try:
        return loader(source, name)
    except Exception as exc:  # lupa raises LuaError (and LuaSyntaxError)
        raise CS1DataError(f"Module:Citation/CS1/{name}: {exc}") from None


def _local_table(lua, source: str, name: str, variable: str):
    """The value of ``local <variable> = {...}`` in ``source`` (Date validation keeps its
    pattern table local): the shortest text from there that Lua reads as a table."""
    match = re.search(rf"^local\s+{re.escape(variable)}\s*=\s*\{{", source, re.M)
    if not match:
        raise CS1DataError(f"Module:Citation/CS1/{name}: no table '{variable}'")
    start = match.end() - 1
    check = lua.eval("function(s) return loadstring(s) ~= nil end")
    for end in (m.end() for m in re.finditer(r"\}", source[start:])):
        text = "return " + source[start:start + end]
        if check(text):
            return _plain(_run(lua, text, name))
    raise CS1DataError(f"Module:Citation/CS1/{name}: table '{variable}' never closes")


_OLD = re.compile(r"^\s*\[\s*'([^']+)'\s*\]\s*=\s*'([^']*)'\s*,?\s*--\s*(.*)$")


_WORD = r"(?:misspelling|[A-Z][a-z]+(?: [A-Z][a-z]+)?)"
_EXACT = re.compile(rf"^{_WORD}(?:\s*[,/]\s*(?:{_WORD}|enumerated))*$")


def _kinds(source: str) -> dict[str, str]:
    """Suggestion key -> the kind CS1's comment gives it: 'old' (an old parameter name),
    'exact' (a misspelling or a translation, nothing more said) or 'other' (a guess, "not a
    direct replacement", "can be either ..." or no comment)."""
    kinds = {}
    for line in source.splitlines():
        match = _OLD.match(line)
        if not match:
            continue
        comment = match.group(3).strip()
        kind = ("old" if comment.lower().startswith("old parameter") else
                "exact" if _EXACT.match(comment) else "other")
        kinds[match.group(1)] = kind
    return kinds


def _names(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


def generate(sources: dict[str, str], templates: dict[str, str] | None = None,
             language: str = "en") -> dict:
    """CS1's citation data from the text of its modules (keys: :data:`MODULES`).

    ``templates`` maps template names to CitationClass (see :func:`templates_from_folder`).
    """
    from lupa import lua51  # Lua 5.1, as Scribunto; imported here: only generation needs it

    missing = [m for m in MODULES if m not in sources]
    if missing:
        raise CS1DataError(f"Module:Citation/CS1/{missing[0]}: missing")
    lua = lua51.LuaRuntime(unpack_returned_tuples=True)
    lua.globals().LANG = language
    lua.execute(_STUB)
    whitelist = _plain(_run(lua, sources["Whitelist"], "Whitelist"))
    config = _run(lua, sources["Configuration"], "Configuration")
    suggestions = _plain(_run(lua, sources["Suggestions"], "Suggestions"))
    patterns = _local_table(lua, sources["Date validation"], "Date validation", "patterns")
    kinds = _kinds(sources["Suggestions"])
    # the order in which the main module's dates() visits its date parameters (pairs() over
    # a table of these keys): it decides which |year= errors CS1 reports
    order = list(lua.eval("function() local t = {['access-date']={}, ['archive-date']={}, "
                          "['date']={}, ['doi-broken-date']={}, ['embargo']={}, "
                          "['lay-date']={}, ['publication-date']={}, ['year']={}} "
                          "local out = {} for k in pairs(t) do out[#out + 1] = k end "
                          "return out end")().values())
    identifiers = {key: _names(_plain(handler).get("parameters"))
                   for key, handler in config["id_handlers"].items()}
    id_limits = {key: handler["id_limit"] for key, handler in config["id_handlers"].items()
                 if handler["id_limit"]}

    aliases = {meta: _names(v) for meta, v in _plain(config["aliases"]).items()}
    date_names = _plain(config["date_names"])
    errors = {}
    for key, value in _plain(config["error_conditions"]).items():
        errors[key] = {"category": value.get("category", ""),
                       "hidden": bool(value.get("hidden"))}

    def states(table) -> dict[str, bool]:
        return {k: bool(v) for k, v in sorted((table or {}).items())}

    return {
        "generator": 1,
        "templates": dict(sorted((templates or {}).items())),
        "whitelist": {
            "basic": states(whitelist["basic_arguments"]),
            "numbered": states(whitelist["numbered_arguments"]),
            "limited_basic": states(whitelist["limited_basic_arguments"]),
            "limited_numbered": states(whitelist["limited_numbered_arguments"]),
            "preprint": {c: states(t) for c, t in
                         sorted(whitelist["preprint_arguments"].items())},
            "unique": {c: states(t) for c, t in sorted(whitelist["unique_arguments"].items())},
        },
        "aliases": dict(sorted(aliases.items())),
        "suggestions": {k: [v, kinds.get(k, "other")] for k, v in
                        sorted(suggestions["suggestions"].items())},
        "suggestion_patterns": sorted(
            [k, v, kinds.get(k, "other")] for k, v in suggestions["patterns"].items()),
        "dates": {
            "patterns": {k: v for k, v in sorted(patterns.items())},
            "names": {lang: {kind: dict(sorted(date_names[lang][kind].items()))
                             for kind in ("long", "short", "season", "quarter", "named")}
                      for lang in ("en", "local")},
            "local_digits": dict(sorted(date_names["local_digits"].items())),
            "param_order": order,
        },
        "identifiers": dict(sorted(identifiers.items())),
        "id_limits": dict(sorted(id_limits.items())),
        "errors": dict(sorted(errors.items())),
    }


def _unquote(name: str) -> str:
    return urllib.parse.unquote(name).replace("#", "/").replace("|", "/")


def read_folder(folder: str | Path) -> dict[str, str]:
    """The CS1 module texts in ``folder``: either the package layout
    (``Module/Citation#CS1#Whitelist``) or one file per module (``Whitelist`` or
    ``Whitelist.lua``) directly in it."""
    folder = Path(folder)
    sources = {}
    for module in MODULES:
        candidates = [folder / "Module" / f"Citation#CS1#{module}",
                      folder / f"Citation#CS1#{module}", folder / module,
                      folder / f"{module}.lua"]
        for path in candidates:
            if path.is_file():
                sources[module] = path.read_text("utf-8")
                break
        else:
            raise CS1DataError(f"{folder}: no Module:Citation/CS1/{module} in it")
    return sources


_INVOKE = re.compile(r"#invoke:\s*citation/CS1\s*\|\s*citation\s*\|[^}]*?CitationClass\s*=\s*"
                     r"([A-Za-z-]+)", re.I)
_REDIRECT = re.compile(r"^\s*#REDIRECT\s*\[\[\s*Template:([^\]|#]+)", re.I)


def templates_from_folder(folder: str | Path) -> dict[str, str]:
    """Template name -> CitationClass for every template in ``folder/Template`` that invokes
    CS1 (and redirects to one), plus :data:`EXTRA_TEMPLATES`."""
    base = Path(folder) / "Template"
    found: dict[str, str] = {}
    redirects: dict[str, str] = {}
    for path in sorted(base.iterdir()) if base.is_dir() else []:
        name = _unquote(path.name.removesuffix(".mediawiki"))
        text = path.read_text("utf-8", errors="replace")
        if match := _REDIRECT.match(text):
            redirects[name] = match.group(1).strip()
        elif match := _INVOKE.search(text):
            found[name] = match.group(1)
    for name, klass in EXTRA_TEMPLATES.items():
        found.setdefault(name, klass)
    for name, target in redirects.items():
        if target in found:
            found[name] = found[target]
    return found


def to_json(data: dict) -> str:
    """The committed form: stable key order, one item per line."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m bot.citations.cs1data [--check] [FOLDER]`` (see ``scripts/cs1data``)."""
    import sys

    from bot.exits import EXIT_CLEAN, EXIT_FAILED, EXIT_USAGE

    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    default = (Path(__file__).parents[2] / "../shared/oracles/cs1").resolve()
    folder = Path(args[0]) if args else default
    target = Path(__file__).with_name("cs1.json")
    try:
        text = to_json(generate(read_folder(folder), templates_from_folder(folder)))
    except CS1DataError as exc:
        print(f"cs1data: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if check:
        same = target.is_file() and target.read_text("utf-8") == text
        print(f"cs1data: {target.name} is {'up to date' if same else 'out of date'}")
        return EXIT_CLEAN if same else EXIT_FAILED
    target.write_text(text, "utf-8")
    print(f"cs1data: wrote {target} from {folder}")
    return EXIT_CLEAN


if __name__ == "__main__":
    raise SystemExit(main())
