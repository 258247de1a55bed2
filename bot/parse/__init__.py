"""The wikitext model the rules work on.

mwparserfromhell gives the tree; this package adds what it lacks: where each node sits in the
text (:mod:`bot.parse.spans`), line/column lookup (:mod:`bot.parse.positions`) and the page's
own headings and sections (:mod:`bot.parse.sections`).  :class:`bot.parse.document.Document`
ties them together for one page.  The spans rules use are placed in one pass over the
tokenizer's output (:mod:`bot.parse.stream`), their nodes built only where a rule looks inside
them (:mod:`bot.parse.lazy`), text nodes kept as offsets until asked for
(:mod:`bot.parse.texts`); :mod:`bot.parse.streamcheck` compares them with the tree walk.
"""

from bot.parse.document import Document
from bot.parse.positions import LineIndex
from bot.parse.sections import Section, find_sections
from bot.parse.spans import NodeSpan, iter_spans

__all__ = ["Document", "LineIndex", "NodeSpan", "Section", "find_sections", "iter_spans"]
