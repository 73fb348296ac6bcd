"""Render a built deck's cards in the real Anki desktop's card page, measure them, and take screenshots.

Run by test_cards_desktop.py (and `make cards-sweep`) in its own process, as Qt starts once per process:

    drive_cards.py --report R sweep --deck D --modes phone-light,phone-night --sample N [--shots DIR]

The page is the one Anki's Browser previewer shows cards in (`reviewer.html`, reviewer.css, Anki's MathJax and
reviewer.js), in an `AnkiWebView`. The deck is imported with Anki's own importer, and each card's question and answer
come from Anki's own template rendering (`card.question()` / `card.answer()`), prepared as the reviewer prepares them.

Rendering one card at a time through `_showQuestion` costs a few hundred milliseconds, mostly MathJax's per-call
start and the page's fade-in, so the sweep puts a batch of cards on one page, each in its own `.card` element (the
card CSS is written to work whether `.card` is the body or a nested element), typesets the batch once and measures
every card (`card_measure.js`). A sample of cards is also shown one at a time through `_showQuestion` /
`_showAnswer`, the reviewer's own path, and must measure the same: that keeps the batch honest.

Modes: `phone` is a 390 px wide view with the `mobile` class AnkiMobile and AnkiDroid put on the page, `desktop`
1100 px; `-night` adds Anki's night-mode classes; `small` is the narrowest phone, 320 px.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import AnkiDesktop, check, desktop_session, driver_report

MEASURE_JS = Path(__file__).resolve().parent / "card_measure.js"
MODES = {
    "phone-light": (390, False, True),
    "phone-night": (390, True, True),
    "desktop-light": (1100, False, False),
    "desktop-night": (1100, True, False),
    "small-light": (320, False, True),
}
# Diagram labels must render at 11 px or more at 390 px and wider. A 320 px phone shows a 360-unit drawing at five
# sixths of that width, so there the floor is 9 px (12-unit labels): the page must still never scroll sideways.
LABEL_MIN_PX = {"small-light": 9.0}
BATCH = 40
VIEW_HEIGHT = 900
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def _load_page(desktop: AnkiDesktop) -> Any:
    """An AnkiWebView with the page Anki's Browser previewer renders cards in."""
    from aqt.webview import AnkiWebView, AnkiWebViewKind

    web = AnkiWebView(kind=AnkiWebViewKind.PREVIEWER)
    web.set_bridge_command(lambda _command: None, None)
    web.stdHtml(
        desktop.mw.reviewer.revHtml(),
        css=["css/reviewer.css"],
        js=["js/mathjax.js", "js/vendor/mathjax/tex-chtml-full.js", "js/reviewer.js"],
        context=None,
    )
    web.setMinimumSize(200, 200)  # NOTE: AnkiWebView's default minimum is wider than the narrowest phone
    web.resize(390, VIEW_HEIGHT)
    web.show()
    desktop.wait_for_js(
        web,
        "typeof _showQuestion === 'function' && typeof MathJax !== 'undefined' && !!MathJax.startup",
        "Anki's card page and MathJax",
    )
    web.setZoomFactor(1.0)
    desktop.evaluate_js(web, MEASURE_JS.read_text(encoding="utf-8") + ";true", "card_measure.js")
    return web


def _rendered_cards(desktop: AnkiDesktop) -> tuple[list[dict[str, Any]], str]:
    """Every card's question and answer as the reviewer shows them; the note types' CSS separately."""
    mw = desktop.mw
    styles: set[str] = set()
    cards: list[dict[str, Any]] = []
    for card_id in sorted(mw.col.find_cards("")):
        card = mw.col.get_card(card_id)
        note = card.note()
        name = f"{note['Id']}#{card.ord + 1}"
        for side, rendered in (("q", card.question()), ("a", card.answer())):
            html = mw.prepare_card_text_for_display(rendered)
            styles.update(_STYLE.findall(html))
            cards.append(
                {
                    "key": f"{name}:{side}",
                    "id": note["Id"],
                    "side": side,
                    "ord": card.ord,
                    "kind": note.note_type()["name"],
                    "html": _STYLE.sub("", html),
                    "raw": html,
                }
            )
    return cards, "\n".join(sorted(styles))


def _features(item: dict[str, Any]) -> set[str]:
    html = item["html"]
    found = {f"kind:{item['kind']}"}
    if 'class="diagram' in html:
        found.add("diagram")
    if "<table" in html:
        found.add("table")
    if "\\[" in html:
        found.add("display-math")
    if "codehilite" in html:
        found.add("code")
    return found


def sample(cards: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """Both sides of every card with a diagram, a table or display math, a few of each note type, then cards
    picked by a hash of their key (stable across runs, spread over the deck) up to `size` cards."""
    by_card: dict[str, list[dict[str, Any]]] = {}
    for item in cards:
        by_card.setdefault(item["key"].rsplit(":", 1)[0], []).append(item)
    wanted: list[str] = []
    per_kind: dict[str, int] = {}
    for name, sides in by_card.items():
        features = set().union(*(_features(side) for side in sides))
        kind = sides[0]["kind"]
        if features & {"diagram", "table", "display-math"} or per_kind.get(kind, 0) < 5:
            wanted.append(name)
            per_kind[kind] = per_kind.get(kind, 0) + 1
    rest = sorted((name for name in by_card if name not in wanted), key=lambda n: hashlib.sha256(n.encode()).digest())
    wanted.extend(rest[: max(0, size - len(wanted))])
    chosen = set(wanted)
    return [item for item in cards if item["key"].rsplit(":", 1)[0] in chosen]


# A phone's scrollbars float over the page and take no width; the desktop's take 12 px or so.
_PHONE_SCROLLBARS = "html { scrollbar-width: none; } html::-webkit-scrollbar { display: none; }"


def _set_style(desktop: AnkiDesktop, web: Any, element_id: str, css: str) -> None:
    script = (
        f"(() => {{ let s = document.getElementById({json.dumps(element_id)}); if (!s) {{"
        f" s = document.createElement('style'); s.id = {json.dumps(element_id)}; document.head.appendChild(s); }}"
        f" s.textContent = {json.dumps(css)}; return true; }})()"
    )
    desktop.evaluate_js(web, script, element_id)


def _set_mode(desktop: AnkiDesktop, web: Any, mode: str, styles: str) -> None:
    width, _night, mobile = MODES[mode]
    web.resize(width, VIEW_HEIGHT)
    desktop.spin(50)
    _set_style(desktop, web, "sweep-css", styles)
    _set_style(desktop, web, "sweep-phone", _PHONE_SCROLLBARS if mobile else "")
    desktop.wait_for_js(web, f"window.innerWidth === {width}", f"a {width} px wide page", timeout_s=10)


def _run_batch(desktop: AnkiDesktop, web: Any, batch: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    _width, night, mobile = MODES[mode]
    items = [{"key": item["key"], "html": item["html"], "ord": item["ord"]} for item in batch]
    options = {"night": night, "mobile": mobile, "labelMin": LABEL_MIN_PX.get(mode, 11.0)}
    desktop.evaluate_js(web, f"__cardSweep.start({json.dumps(items)}, {json.dumps(options)})", "start")
    desktop.wait_for_js(web, "__cardSweep.results !== null", f"a batch of {len(batch)} cards", timeout_s=120)
    result: dict[str, Any] = desktop.evaluate_js(web, "__cardSweep.results", "results")
    if "error" in result:
        raise RuntimeError(f"card_measure.js failed: {result['error']}")
    return result


def _show_one(desktop: AnkiDesktop, web: Any, item: dict[str, Any], question: str, mode: str) -> dict[str, Any]:
    """One card through the reviewer's own path: `_showQuestion`, then `_showAnswer` for an answer."""
    from aqt.theme import theme_manager

    _width, night, mobile = MODES[mode]
    body = theme_manager.body_classes_for_card_ord(item["ord"], night_mode=night)
    _set_style(desktop, web, "sweep-phone", _PHONE_SCROLLBARS if mobile else "")
    desktop.evaluate_js(
        web,
        "(() => { const s = document.getElementById('sweep-css'); if (s) s.remove();"
        f" document.documentElement.classList.toggle('mobile', {json.dumps(mobile)});"
        " document.body.style.margin = ''; const qa = document.getElementById('qa'); qa.innerHTML = '';"
        " qa.style.opacity = '0'; return true; })()",
        "reset",
    )
    call = f"_showQuestion({json.dumps(question)}, {json.dumps(item['raw'])}, {json.dumps(body)});"
    if item["side"] == "a":
        call += f" _showAnswer({json.dumps(item['raw'])});"
    web.eval(call)
    desktop.wait_for_js(
        web,
        "(() => { const qa = document.getElementById('qa'); return qa.style.opacity === '1' && qa.children.length > 0"
        " && (typeof MathJax === 'undefined' || !document.querySelector('#qa mjx-container:not([jax])')); })()",
        f"{item['key']} in the reviewer path",
        timeout_s=30,
    )
    desktop.spin(150)  # the fade-in and any MathJax re-typeset of the answer
    measured: dict[str, Any] = desktop.evaluate_js(
        web,
        "(() => { const m = __cardSweep.measure(document.body);"
        " m.pageOverflow = document.documentElement.scrollWidth - window.innerWidth; return m; })()",
        "measure",
    )
    return measured


def sweep(args: argparse.Namespace, data: dict[str, Any]) -> None:
    base = Path(args.base)
    with desktop_session(base, data) as desktop:
        from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

        for deck in args.deck:
            desktop.mw.col.import_anki_package(
                ImportAnkiPackageRequest(package_path=str(deck), options=ImportAnkiPackageOptions())
            )
        cards, styles = _rendered_cards(desktop)
        if args.only:
            cards = [item for item in cards if re.search(args.only, item["id"])]
        web = _load_page(desktop)
        try:
            _sweep_modes(desktop, web, cards, styles, args, data)
        finally:
            # NOTE: the page must be gone before the profile closes, or Qt WebEngine may crash on exit.
            web.cleanup()
            web.close()
            web.deleteLater()
            desktop.spin(300)


def _sweep_modes(
    desktop: AnkiDesktop, web: Any, cards: list[dict[str, Any]], styles: str, args: argparse.Namespace, data: dict
) -> None:
    """Every mode in turn, then the reviewer-path comparison and the screenshots; the findings go into `data`."""
    checks: dict[str, Any] = {"cards": len({item["key"].rsplit(":", 1)[0] for item in cards}), "modes": {}}
    for mode in args.modes.split(","):
        chosen = cards if args.sample == 0 or mode in args.full.split(",") else sample(cards, args.sample)
        _set_mode(desktop, web, mode, styles)
        started = time.monotonic()
        measured: list[dict[str, Any]] = []
        page_overflow = 0.0
        for start in range(0, len(chosen), BATCH):
            result = _run_batch(desktop, web, chosen[start : start + BATCH], mode)
            measured.extend(result["cards"])
            page_overflow = max(page_overflow, result["pageOverflow"])
        elapsed = time.monotonic() - started
        checks["modes"][mode] = _summary(chosen, measured, page_overflow, elapsed)
        for item in measured:
            for problem in item["problems"]:
                data["problems"].append(f"{mode} {item['key']}: {problem}")
    checks["reviewer_path"] = _reviewer_path(desktop, web, cards, styles, args, data)
    if args.shots:
        data["screenshots"] = _screenshots(desktop, web, cards, args, data)
    data["checks"] = checks


def _summary(chosen: list[dict[str, Any]], measured: list[dict[str, Any]], overflow: float, seconds: float) -> dict:
    features: dict[str, int] = {}
    for item in chosen:
        for feature in _features(item):
            features[feature] = features.get(feature, 0) + 1
    labels = [item["smallestLabel"] for item in measured if item["smallestLabel"] is not None]
    contrasts = [item["worstContrast"] for item in measured if item["worstContrast"] is not None]
    return {
        "renders": len(measured),
        "cards": len({item["key"].rsplit(":", 1)[0] for item in chosen}),
        "features": features,
        "seconds": round(seconds, 2),
        "page_overflow": overflow,
        "smallest_label_px": min(labels) if labels else None,
        "diagram_labels": sum(item["labels"] for item in measured),
        "worst_contrast": min(contrasts) if contrasts else None,
        "code_lines": sum(item["code"]["total"] for item in measured),
        "code_line_ends_visible": sum(item["code"]["visible"] for item in measured),
        "hidden_code_ends": [f"{item['key']}: {end}" for item in measured for end in item["code"]["hidden"]][:20],
    }


def _reviewer_path(
    desktop: AnkiDesktop, web: Any, cards: list[dict[str, Any]], styles: str, args: argparse.Namespace, data: dict
) -> dict[str, Any]:
    """A few cards of each feature shown one at a time the reviewer's way must measure as they did in the batch."""
    questions = {item["key"].rsplit(":", 1)[0]: item["raw"] for item in cards if item["side"] == "q"}
    picked: list[dict[str, Any]] = []
    for feature in ("diagram", "display-math", "code", "kind:MLE Interview: Problem", "kind:MLE Interview: Cloze"):
        picked.extend([item for item in cards if feature in _features(item)][:2])
    compared = 0
    seconds = 0.0
    for mode in ("phone-light", "desktop-night"):
        _set_mode(desktop, web, mode, styles)
        batch = {item["key"]: item for item in _run_batch(desktop, web, picked, mode)["cards"]}
        for item in picked:
            started = time.monotonic()
            alone = _show_one(desktop, web, item, questions[item["key"].rsplit(":", 1)[0]], mode)
            seconds += time.monotonic() - started
            together = batch[item["key"]]
            same = (
                (alone["pageOverflow"] > 0.5) == (together["overflow"] > 0.5)
                and alone["code"] == together["code"]
                and alone["smallestLabel"] == together["smallestLabel"]
                and alone["labels"] == together["labels"]
                and sorted(alone["problems"]) == sorted(together["problems"])
            )
            check(data, same, f"{mode} {item['key']}: batch {together} but reviewer path {alone}")
            compared += 1
    return {"compared": compared, "seconds": round(seconds, 2)}


def _screenshots(
    desktop: AnkiDesktop, web: Any, cards: list[dict[str, Any]], args: argparse.Namespace, data: dict
) -> list[str]:
    """Phone-width screenshots, light and night, of the cards named by --shot-cards (name=card-id:side)."""
    questions = {item["key"].rsplit(":", 1)[0]: item["raw"] for item in cards if item["side"] == "q"}
    by_key = {item["key"]: item for item in cards}
    paths = []
    for spec in args.shot_cards.split(","):
        name, key = spec.split("=", 1)
        item = by_key.get(key)
        check(data, item is not None, f"no card {key} for the {name} screenshot")
        if item is None:
            continue
        for mode in ("phone-light", "phone-night"):
            width = MODES[mode][0]
            web.resize(width, VIEW_HEIGHT)
            _show_one(desktop, web, item, questions[key.rsplit(":", 1)[0]], mode)
            height = int(desktop.evaluate_js(web, "document.documentElement.scrollHeight", "height"))
            web.resize(width, min(max(height, 200), 1600))
            desktop.spin(200)
            shot = desktop.screenshot(web, f"card-{name}-{mode.split('-')[1]}.png")
            paths.append(str(shot))
    web.resize(390, VIEW_HEIGHT)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", type=Path, required=True)
    phases = parser.add_subparsers(dest="phase", required=True)
    run = phases.add_parser("sweep")
    run.add_argument("--base", type=Path, required=True)
    run.add_argument("--deck", type=Path, action="append", required=True, help="a package to import (repeatable)")
    run.add_argument("--modes", default=",".join(MODES))
    run.add_argument("--full", default="phone-light", help="modes that render every card; the others a sample")
    run.add_argument("--sample", type=int, default=220, help="cards in a sample; 0 renders every card everywhere")
    run.add_argument("--shots", action="store_true")
    run.add_argument("--shot-cards", default="")
    run.add_argument("--only", default="", help="a regular expression: render only the cards whose id matches")
    args = parser.parse_args(argv)
    with driver_report(args.report) as data:
        sweep(args, data)


if __name__ == "__main__":
    main()
