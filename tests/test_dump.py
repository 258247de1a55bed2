"""XML dumps: every supported format reads the same pages; broken input is reported, not fatal."""

from __future__ import annotations

import sys
import tracemalloc

import pytest

from bot.parse.document import Document
from bot.sources import iter_local
from bot.sources.base import SourceProblem
from bot.sources.dump import SNIFF_BYTES, is_dump, iter_dump
from bot.sources.files import read_wikitext_file
from conftest import make_dump

PAGES = [("Vitamin B12", "B12.<ref>x</ref>\n== See also ==\n"), ("Café & co", "Text <b>é</b>")]


def read(path, **kwargs):
    return list(iter_dump(path, **kwargs))


@pytest.mark.parametrize("compress", [None, "bz2", "gz"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
@pytest.mark.parametrize("version", ["0.3", "0.4", "0.10", "0.11"])
def test_formats_give_the_same_pages(tmp_path, compress, encoding, version):
    """Plain/bz2/gz × UTF-8/UTF-16 (BOM) × export 0.3–0.11 all yield the same titles and texts."""
    path = tmp_path / "dump.xml"
    path.write_bytes(make_dump(PAGES, version=version, encoding=encoding, compress=compress))
    items = read(path)
    assert [(d.title, d.text) for d in items] == PAGES
    assert all(isinstance(d, Document) and d.revid for d in items)


def test_last_revision_by_default(tmp_path):
    """A history dump gives each page's last revision, or all with all_revisions=True."""
    path = tmp_path / "history.xml"
    path.write_bytes(make_dump([("P", ["one", "two", "three"]), ("Q", ["q"])]))
    assert [(d.title, d.text) for d in read(path)] == [("P", "three"), ("Q", "q")]
    assert [d.text for d in read(path, all_revisions=True)] == ["one", "two", "three", "q"]


def test_truncated_dump_reports_after_good_pages(tmp_path):
    """A dump cut off mid-page yields the pages before the cut, then one problem."""
    data = make_dump([*PAGES, ("Third", "x" * 500)])
    path = tmp_path / "cut.xml"
    path.write_bytes(data[: len(data) - 300])
    items = read(path)
    assert [d.title for d in items[:-1]] == ["Vitamin B12", "Café & co"]
    assert isinstance(items[-1], SourceProblem)
    assert "not a valid XML dump" in items[-1].problem and "line" in items[-1].problem


def test_truncated_bz2_is_reported(tmp_path):
    """A truncated compressed stream is a problem naming the file, not a crash."""
    data = make_dump(PAGES * 50, compress="bz2")
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(data[: len(data) // 2])
    problem = read(path)[-1]
    assert isinstance(problem, SourceProblem) and problem.source == str(path)


def test_malformed_xml_and_not_a_dump(tmp_path):
    """Garbage and foreign XML give one clear problem each."""
    garbage = tmp_path / "garbage.xml"
    garbage.write_bytes(b"<mediawiki><page><title>A</title></oops>")
    other = tmp_path / "other.xml"
    other.write_bytes(b"<rss><channel/></rss>")
    assert "not a valid XML dump" in read(garbage)[-1].problem
    expected = SourceProblem(str(other), "not a MediaWiki XML dump (root element is <rss>)")
    assert read(other) == [expected]


def test_bad_page_is_reported_and_the_run_goes_on(tmp_path):
    """A page without revision text is a problem; the pages after it are still read."""
    data = make_dump([("Good", "a"), ("Bad", "b"), ("After", "c")]).decode()
    data = data.replace('<text xml:space="preserve">b</text>', '<text deleted="deleted" />')
    path = tmp_path / "d.xml"
    path.write_text(data, "utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "SourceProblem", "Document"]
    assert items[1].title == "Bad" and "deleted" in items[1].problem


def test_streaming_memory_is_constant(tmp_path):
    """Reading a dump holds one page at a time: peak memory does not grow with the dump."""
    def peak(pages: int) -> int:
        path = tmp_path / f"big{pages}.xml.bz2"
        path.write_bytes(make_dump([(f"P{i}", "word " * 2000) for i in range(pages)],
                                   compress="bz2"))
        tracemalloc.start()
        count = sum(1 for _ in iter_dump(path))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == pages
        return top

    small, large = peak(50), peak(1000)  # 0.5 MB vs 10 MB of text
    assert large < small * 2, (small, large)


def test_xz_and_7z_dumps_give_the_same_pages(tmp_path):
    """.xz (standard library lzma) and .7z (py7zr) dumps are recognised by content, whatever
    their name, and read like the plain XML."""
    import lzma

    import py7zr

    pages = [("Alpha", "A.<ref>x</ref>"), ("Beta", "== B ==\ntext")]
    xml = make_dump(pages)
    (tmp_path / "pages.xml.xz").write_bytes(lzma.compress(xml))
    with py7zr.SevenZipFile(tmp_path / "pages.7z", "w") as archive:
        archive.writestr(xml, "pages.xml")
    for name in ("pages.xml.xz", "pages.7z"):
        docs = list(iter_dump(tmp_path / name))
        assert [(d.title, d.text) for d in docs] == pages, name


def test_damaged_7z_is_one_clear_line(tmp_path):
    """A 7z archive cut short is reported as one problem naming the file, not a traceback."""
    import py7zr

    with py7zr.SevenZipFile(tmp_path / "whole.7z", "w") as archive:
        archive.writestr(make_dump([("Alpha", "text " * 2000)]), "pages.xml")
    data = (tmp_path / "whole.7z").read_bytes()
    (tmp_path / "cut.7z").write_bytes(data[: len(data) // 2])
    items = list(iter_dump(tmp_path / "cut.7z"))
    assert len(items) == 1 and isinstance(items[0], SourceProblem)
    assert "7z" in items[0].problem and "\n" not in items[0].problem


def test_url_quoted_file_names_give_the_real_title(tmp_path):
    """Corpus naming: a file name is the URL-quoted title (../shared/corpus/README.md)."""
    from bot.sources.files import read_wikitext_file

    for name, title in [("Talk%3AX%2FY.wiki", "Talk:X/Y"), ("Vitamin_B12.wiki", "Vitamin B12"),
                        ("%C4%8Ceheja.wiki", "Čeheja"), ("100%_sure.wiki", "100% sure")]:
        (tmp_path / name).write_text("x", "utf-8")
        assert next(read_wikitext_file(tmp_path / name)).title == title


@pytest.mark.parametrize("name", ["page.wiki", "page.txt", "dump.xml", "dump.xml.bz2"])
@pytest.mark.parametrize("content", ["dump", "dump-utf-16", "dump-bz2", "wikitext",
                                     "not-utf-8", "empty"])
def test_a_file_is_opened_once_and_read_as_before(tmp_path, name, content):
    """A file is a dump or a wikitext page by its content (and a dump-like name), read with
    one open for a page; the same pages and problems as sniffing it first, then reading it
    (is_dump, then iter_dump or read_wikitext_file)."""
    long_text = "é" * SNIFF_BYTES + "\n== End ==\n"  # a character across the first read
    data = {"dump": make_dump(PAGES), "dump-utf-16": make_dump(PAGES, encoding="utf-16"),
            "dump-bz2": make_dump(PAGES, compress="bz2"), "wikitext": long_text.encode(),
            "not-utf-8": b"caf\xe9", "empty": b""}[content]
    path = tmp_path / name
    path.write_bytes(data)
    expected = list(iter_dump(path) if is_dump(path) else read_wikitext_file(path))

    def seen(items):
        return [(type(item).__name__, str(item) if isinstance(item, SourceProblem) else
                 (item.title, item.text, item.source, item.location)) for item in items]

    assert seen(iter_local(path)) == seen(expected)
    if content == "wikitext" and name.endswith((".wiki", ".txt")):
        assert [item.text for item in iter_local(path)] == [long_text]


def _by_elementtree(path, all_revisions: bool) -> list:
    """What a dump holds, read from the standard library's whole element tree: the oracle
    for the streaming reader (title, text, revision id, namespace, timestamp of each page,
    or the title of a page without readable wikitext)."""
    from xml.etree import ElementTree

    from bot.sources.dump import open_maybe_compressed

    def local(elem) -> str:
        return elem.tag.rpartition("}")[2]

    parser = ElementTree.XMLPullParser(events=("start", "end"))
    with open_maybe_compressed(path) as fh:
        parser.feed(fh.read())  # an error is queued after the events before it
    root, whole, error = None, [], None
    try:
        for event, elem in parser.read_events():
            root = elem if root is None else root
            if event == "end" and local(elem) == "page" and elem in root:
                whole.append(elem)
        parser.close()
    except ElementTree.ParseError as exc:  # a dump cut short: the pages before the error
        error = "not a valid XML dump: " + str(exc).split(":")[0]

    def own(elem, names) -> dict:
        return {local(child): child for child in elem if local(child) in names}

    pages = []
    for page in whole:
        fields = {name: (elem.text or "").strip()
                  for name, elem in own(page, ("title", "ns", "id")).items()}
        revisions = [child for child in page if local(child) == "revision"] or [None]
        for revision in revisions if all_revisions else revisions[-1:]:
            got = {} if revision is None else own(revision, ("text", "id", "timestamp", "model"))
            text = got.get("text")
            model = (got["model"].text or "").strip() if "model" in got else "wikitext"
            if text is None or text.get("deleted") is not None or model not in ("wikitext", ""):
                pages.append(("problem", fields.get("title")))
                continue
            pages.append((fields["title"], text.text or "", (got["id"].text or "").strip(),
                          int(fields.get("ns") or 0), (got["timestamp"].text or "").strip()))
    return pages + ([("error", error)] if error else [])


def _by_reader(path, all_revisions: bool) -> list:
    def seen(item):
        if not isinstance(item, SourceProblem):
            return item.title, item.text, str(item.revid), item.namespace, item.timestamp
        if item.title is None:  # the file's own problem
            return "error", item.problem.split(" at line")[0]
        return "problem", item.title

    return [seen(item) for item in iter_dump(path, all_revisions=all_revisions)]


@pytest.mark.parametrize("all_revisions", [False, True])
def test_every_corpus_dump_reads_as_elementtrees_whole_tree(all_revisions):
    """The streaming reader gives, for each of the corpus's whole dumps (schema 0.3-0.11,
    UTF-8 and UTF-16, every compression, one cut short), the pages that the standard
    library's complete element tree of the same file holds."""
    from corpus import corpus_dumps

    dumps = [path for path in corpus_dumps() if not path.name.endswith(".7z")]
    if not dumps:
        pytest.skip("the corpus (../shared/corpus) is not there")
    for path in dumps:
        expected = _by_elementtree(path, all_revisions)
        assert expected, path
        assert _by_reader(path, all_revisions) == expected, path


def test_markup_around_the_fields_reads_as_elementtrees_tree(tmp_path):
    """Comments, CDATA, entities, character references, an element inside a title, a
    deleted and an empty revision, and <revision> and <page> elements deeper inside a page
    (not the page's own) read as the complete element tree has them."""
    xml = (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">'
        "<siteinfo><sitename>T</sitename></siteinfo>"
        "<page><title> Spaced &amp; <!-- c --> title </title><ns>4</ns><id>1</id>"
        "<revision><id>5</id><timestamp>t1</timestamp><text>one</text></revision>"
        "<revision><id> 6 </id><timestamp>t2</timestamp>"
        "<text xml:space=\"preserve\">a<!-- c -->b<![CDATA[<ref>x</ref>]]>&#233;&lt;</text>"
        "</revision></page>"
        "<page><title>Cut<b>bold</b>tail</title><id>2</id>"
        "<revision><id>7</id><timestamp>t3</timestamp><text/></revision></page>"
        "<page><title>Gone</title><revision><id>8</id><timestamp>t4</timestamp>"
        '<text deleted="deleted"/></revision></page>'
        "<page><title>Nested</title><foo><revision><id>10</id><timestamp>t6</timestamp>"
        "<text>not the page's</text></revision></foo></page>"
        "<page><title>Inside</title><revision><id>11</id><timestamp>t7</timestamp><x><revision>"
        "<id>12</id><timestamp>t8</timestamp><text>inner</text></revision></x><text>outer</text>"
        "</revision></page>"
        "<page><title>Outer</title><foo><page><title>Inner</title></page></foo>"
        "<revision><id>9</id><timestamp>t5</timestamp><text>kept</text></revision></page>"
        "</mediawiki>")
    path = tmp_path / "d.xml"
    path.write_text(xml, "utf-8")
    for all_revisions in (False, True):
        expected = _by_elementtree(path, all_revisions)
        assert _by_reader(path, all_revisions) == expected
    assert _by_reader(path, False)[0][:2] == ("Spaced &  title", "ab<ref>x</ref>é<")
    assert _by_reader(path, False)[-1][:2] == ("Outer", "kept")


@pytest.mark.parametrize("doctype, where", [
    ('<!DOCTYPE mediawiki PUBLIC "-//x//EN" "x.dtd">', "<text>&mdash;</text>"),
    ('<!DOCTYPE mediawiki SYSTEM "x.dtd">', "<title>B&mdash;</title>"),
    ('<!DOCTYPE mediawiki [<!ENTITY mdash SYSTEM "e.xml">]>', "<text>&mdash;</text>"),
])
def test_an_entity_expat_cannot_expand_stops_the_dump_as_elementtree_does(tmp_path, doctype,
                                                                          where):
    """An entity only an external DTD or file could define: its text is unknown, so the
    dump is not read past it (not read as if the reference were not there), with
    ElementTree's message and position; the page before it is read."""
    page = "<page><title>{}</title><revision><id>1</id><timestamp>t</timestamp>{}</revision></page>"
    xml = (doctype + "<mediawiki>" + page.format("A", "<text>a</text>")
           + page.format("B", where).replace("<title>B</title><title>", "<title>")
           + "</mediawiki>")
    path = tmp_path / "d.xml"
    path.write_text(xml, "utf-8")
    expected = _by_elementtree(path, False)
    assert expected[-1] == ("error", "not a valid XML dump: undefined entity &mdash;")
    assert _by_reader(path, False) == expected
    problem = list(iter_dump(path))[-1]
    column = xml.index("&mdash;") + 1
    assert problem.problem.endswith(f"at line 1, column {column} (read 1 page before it)")


def test_a_page_handed_on_is_not_held_twice(tmp_path):
    """When a large page is handed on, the reader holds no second copy of its text (the
    next page may be far: here past a long comment, in a later read of the file)."""
    text = "é" * 2_000_000
    path = tmp_path / "d.xml"
    path.write_text(
        f"<mediawiki><page><title>Big</title><revision><text>{text}</text></revision></page>"
        f"<!-- {'z' * 300_000} --><page><title>Next</title><revision><text>n</text>"
        "</revision></page></mediawiki>", "utf-8")
    tracemalloc.start()
    held = []
    for item in iter_dump(path):
        held.append(tracemalloc.get_traced_memory()[0])
        del item
    tracemalloc.stop()
    assert held[0] < 1.5 * sys.getsizeof(text), (held, sys.getsizeof(text))


@pytest.mark.parametrize("xml, problem", [
    ('<?xml version="1.0" encoding="shift_jis"?><mediawiki/>',
     "not a readable XML dump: multi-byte encodings are not supported"),
    ('<?xml version="1.0" encoding="bogus-enc"?><mediawiki/>',
     "not a readable XML dump: unknown encoding: bogus-enc"),
])
def test_an_encoding_expat_cannot_read_is_one_problem(tmp_path, xml, problem):
    path = tmp_path / "d.xml"
    path.write_text(xml, "ascii")
    assert [str(item) for item in iter_dump(path)] == [f"{path}: {problem}"]


def test_numbers_int_refuses_are_no_number(tmp_path):
    """A namespace or revision id in digits ``int`` refuses (a superscript, 5,000 digits) is
    read as none, not a crash."""
    data = make_dump([("A", "a"), ("B", "b")]).decode()
    data = data.replace("<ns>0</ns>", "<ns>²</ns>", 1)
    data = data.replace("<id>102</id>", f"<id>{'9' * 5000}</id>")
    path = tmp_path / "d.xml"
    path.write_text(data, "utf-8")
    assert [(d.title, d.namespace, d.revid) for d in iter_dump(path)] == [("A", 0, 101),
                                                                            ("B", 0, None)]
