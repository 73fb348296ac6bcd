"""`build.py ids` writes ids into headings that lack them and changes nothing else in the file."""

from __future__ import annotations

import pytest
from conftest import TreeFactory

from generator import Options, compile_tree, main

SOURCE = (
    "---\r\nsource: Book\r\n---\r\n"
    "## Why is the sky blue? {#sky}\r\nRayleigh scattering.\r\n\r\n"
    "## Why is the sky blue?\r\nA duplicate question on purpose.\r\n\r\n"
    "## Binary search runs in what time?   \r\n$O(\\log n)$.\r\n"
    "```python\r\n## not a card\r\n```\r\n"
)


def test_ids_are_added_only_where_missing(make_tree: TreeFactory) -> None:
    root = make_tree({"algorithms/search.md": "x"})
    path = root / "algorithms/search.md"
    path.write_bytes(SOURCE.encode())
    assert main(["ids", "--content", str(root)]) == 0
    after = path.read_bytes().decode().split("\r\n")
    before = SOURCE.split("\r\n")
    changed = [index for index, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert changed == [6, 9]
    assert after[6] == "## Why is the sky blue? {#alg-why-is-the-sky-blue}"
    assert after[9] == "## Binary search runs in what time? {#alg-binary-search-runs-in-what-time}"
    compiled = compile_tree(root, Options(run_solutions=False))
    assert not [item for item in compiled.findings if item.rule in ("missing-id", "duplicate-id")]
    assert main(["ids", "--content", str(root)]) == 0
    assert path.read_bytes().decode().split("\r\n") == after, "a second run changes nothing"


def test_generated_ids_never_collide(make_tree: TreeFactory) -> None:
    root = make_tree({"t/a.md": "## Same {#t-same}\nA.\n\n## Same\nB.\n\n## Same\nC.\n"})
    main(["ids", "--content", str(root)])
    ids = [card.id for card in compile_tree(root, Options(run_solutions=False)).cards]
    assert len(set(ids)) == 3 and "t-same" in ids


def test_ids_reports_a_file_that_is_not_utf8_and_still_does_the_others(
    make_tree: TreeFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_tree({"t/good.md": "## A question\nAn answer.\n", "t/latin1.md": b"## Caf\xe9 {#t-cafe}\nx\n"})
    assert main(["ids", "--content", str(root)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "latin1.md:1:7: encoding:" in captured.err
    assert "{#good-a-question}" in (root / "t/good.md").read_text()
    assert (root / "t/latin1.md").read_bytes() == b"## Caf\xe9 {#t-cafe}\nx\n"


def test_ids_keeps_a_byte_order_mark(make_tree: TreeFactory) -> None:
    root = make_tree({"t/a.md": "x"})
    path = root / "t/a.md"
    path.write_bytes(b"\xef\xbb\xbf---\nsource: Book\n---\n## A question\nAn answer.\n")
    assert main(["ids", "--content", str(root)]) == 0
    assert path.read_bytes() == b"\xef\xbb\xbf---\nsource: Book\n---\n## A question {#a-a-question}\nAn answer.\n"
