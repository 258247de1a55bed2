"""Reading pages: pywikibot's page generators with preloading, texts in batches."""

from __future__ import annotations

from collections.abc import Iterator

from bot.errors import UsageError, WikiDown, WikiError, WikiUnavailable
from bot.parse.document import Document
from bot.sources.base import SourceProblem
from bot.wiki.errors import describe_error, is_transient, short_error

__all__ = ["Reading"]


class Reading:
    """Mixin of :class:`bot.wiki.Wiki`: page selection and page texts."""

    def iter_documents(
        self, generator_args: list[str], groupsize: int = 50
    ) -> Iterator[Document | SourceProblem]:
        """Pages selected with pywikibot's generator arguments, texts fetched in batches."""
        site = self.site  # configures and imports pywikibot first (PYWIKIBOT_DIR)
        from pywikibot import exceptions as exc
        from pywikibot import pagegenerators

        factory = pagegenerators.GeneratorFactory(site=site)
        unknown = [arg for arg in generator_args if not factory.handle_arg(arg)]
        if unknown:
            raise UsageError(
                f"not a page selector: {' '.join(unknown)} (use pywikibot's generator "
                f"options such as -page:Title, -cat:Name, -file:list.txt; see `wikiwarden "
                f"audit --help`)"
            )
        generator = factory.getCombinedGenerator()
        if generator is None:
            raise UsageError("no pages selected: add a page selector such as -page:Title")
        source = self.describe()
        try:
            for page in pagegenerators.PreloadingGenerator(generator, groupsize=groupsize):
                title = page.title()
                if not page.exists():
                    yield SourceProblem(source, "page does not exist", title=title)
                    continue
                if page.content_model not in ("wikitext", None):
                    yield SourceProblem(
                        source, f"content model {page.content_model!r} is not wikitext", title
                    )
                    continue
                try:
                    document = self._document(page, source)
                except exc.Error as error:
                    yield SourceProblem(source, describe_error(error), title=title)
                    continue
                yield document
        except exc.Error as error:
            kind = WikiDown if is_transient(error) else WikiError
            raise kind(f"{source}: reading the selected pages failed: "
                       f"{describe_error(error)}") from None
        except OSError as error:
            raise WikiDown(f"{source}: connection lost: {short_error(error)}") from None

    @staticmethod
    def _document(page, source: str) -> Document:
        return Document(
            title=page.title(),
            text=page.text,
            source=source,
            revid=page.latest_revision_id,
            namespace=page.namespace().id,
            timestamp=page.latest_revision.timestamp.isoformat(),
            location=f"[[{page.title()}]]",
            meta={"page": page},
        )

    def refetch(self, doc: Document) -> Document:
        """The page's current text and revision (after an edit conflict), as a new page
        object: nothing cached from the first fetch (its templates, {{bots}}) is reused."""
        page = self.pywikibot.Page(self.site, doc.title)
        try:
            page.get(force=True)
            return self._document(page, doc.source)
        except Exception as error:
            kind = WikiUnavailable if is_transient(error) else WikiError
            raise kind(
                f"{self.describe()}: page {doc.title!r}: cannot fetch it again: "
                f"{describe_error(error)}"
            ) from None
