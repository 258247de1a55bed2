"""Citation reads its parameters from the page text; what it says equals what the built
parameter nodes say, on the bundled samples and a seeded corpus sample."""

from __future__ import annotations

from bot.citations import Citation, find_citations
from bot.parse.document import Document
from conftest import sample_texts


def _texts() -> list[str]:
    return sample_texts(60, seed=23)


def test_citation_parameters_read_from_the_text_equal_the_built_nodes():
    checked = 0
    for text in _texts():
        for citation in find_citations(Document("T", text)):
            fresh = Citation(citation.span, citation.spec)
            assert "_lazy" in citation.template.__dict__ or citation._params is not None
            values = {name: fresh.value(name) for name in fresh.raws}  # before building
            params = citation.params  # builds the template's parameter nodes
            assert list(params) == list(fresh.raws)
            for name, param in params.items():
                assert fresh.raw(name) == str(param.value)
                assert fresh.named[name] == param.showkey
                assert values[name] == param.value.strip_code().strip(), (name, str(param))
            checked += 1
    assert checked > 100


def test_a_value_with_markup_is_stripped_by_the_built_node():
    text = "{{cite book |title=''The'' [[Book]] &amp; <!-- c --> more |isbn= 978-0 }}"
    citation = find_citations(Document("T", text))[0]
    assert citation.value("isbn") == "978-0"
    assert citation.value("title") == "''The'' Book &  more"
    assert citation.text("title") == "''The'' [[Book]] &amp;  more"
