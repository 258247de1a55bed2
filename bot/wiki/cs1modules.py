"""Reading a wiki's own CS1 (Module:Citation/CS1/Whitelist, Configuration, Suggestions and
Date validation) so that its citations are checked against the CS1 it runs.

The four module texts are read in one batch with their revision ids; the CS1 data made from
them (:func:`bot.citations.cs1data.generate`) is cached on disk under those revision ids,
so a wiki is read again only when one of its modules changed.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from bot.citations import cs1data
from bot.errors import WikiError
from bot.fileio import atomic_text_writer
from bot.wiki.errors import describe_error

__all__ = ["MODULE_PREFIX", "CS1Modules"]

MODULE_PREFIX = "Module:Citation/CS1/"


class CS1Modules:
    """Mixin of :class:`bot.wiki.Wiki`: the wiki's own CS1 as citation data."""

    def cs1_revisions(self) -> dict[str, tuple[int, str]] | None:
        """Module name -> (revision id, text) of the wiki's CS1 modules; None when the wiki
        has no CS1 (any of the four pages missing)."""
        site = self.site
        pywikibot = self.pywikibot
        from pywikibot import exceptions as exc

        pages = [pywikibot.Page(site, MODULE_PREFIX + name) for name in cs1data.MODULES]
        try:
            loaded = list(site.preloadpages(pages, groupsize=len(pages)))
        except exc.Error as error:
            raise WikiError(f"{self.describe()}: reading its CS1 modules: "
                            f"{describe_error(error)}") from None
        found = {page.title(): page for page in loaded if page.exists()}
        out = {}
        for name in cs1data.MODULES:
            page = found.get(MODULE_PREFIX + name)
            if page is None:
                return None
            out[name] = (page.latest_revision_id, page.text)
        return out

    def cs1_data(self, cache_dir: Path | None, templates: dict[str, str]) -> dict | None:
        """The wiki's CS1 data (cached in ``cache_dir`` per revision ids); None when the
        wiki has no CS1 modules.  Raises CS1DataError when they cannot be read as data."""
        revisions = self.cs1_revisions()
        if revisions is None:
            return None
        key = hashlib.sha256(json.dumps(
            [self.describe(), sorted((n, r) for n, (r, _) in revisions.items())]
        ).encode()).hexdigest()[:16]
        cached = cache_dir / f"cs1-{key}.json" if cache_dir else None
        if cached is not None and cached.is_file():
            try:
                return json.loads(cached.read_text("utf-8"))
            except (OSError, ValueError):
                pass  # a damaged cache file is made again
        # a CS1DataError (modules the generator cannot read) goes to the caller
        data = cs1data.generate({n: text for n, (_, text) in revisions.items()},
                                templates, language=self.site.lang)
        data["revisions"] = {n: r for n, (r, _) in sorted(revisions.items())}
        if cached is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            with atomic_text_writer(cached) as fh:
                fh.write(cs1data.to_json(data))
        return data
