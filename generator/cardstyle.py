"""The cards' look: one stylesheet for every note type, from a 320 px phone to a desktop, in light and night mode.

It lives apart from the note types because it is a design, not a contract: a change here only restyles cards, and
ships to existing users as a note-type update on a default import (the ledger gives the note types a new mod time
whenever this text changes; `docs/cards.md`). Everything is plain CSS: no JavaScript, no web fonts, nothing fetched.

Colours are custom properties on `.card` (`--mle-*`, apart from Anki's own `--fg` and `--canvas`), redefined under
Anki's night-mode classes, so each component names a role (`--mle-muted`, `--mle-code-bg`) once and both modes follow.
The diagram classes (`diagrams.py`) and the code colours use the same mechanism. Anki puts `.card` and `.nightMode` on
the body in the reviewer (AnkiMobile and AnkiDroid too; older AnkiDroid uses `.night_mode`), and phones put `.mobile`
on the page's root. The selectors below work whether `.card` is the body or a nested element: the render sweep
(tests/gui/drive_cards.py) draws many cards on one page that way.
"""

from __future__ import annotations

from .diagrams import LINE_CLASSES, PALETTE, SHAPE_CLASSES

# Longest leading indent, in characters, that gets its own hanging indent when a code line wraps.
MAX_INDENT_CLASS = 40

_NIGHT = (".nightMode.card", ".nightMode .card", ".night_mode .card", ".night_mode.card")

_COLOURS: dict[str, dict[str, str]] = {
    "light": {
        "bg": "#ffffff",
        "fg": "#1f2328",
        "muted": "#59636e",
        "rule": "#d1d9e0",
        "accent": "#0a5bc4",
        "surface": "#f6f8fa",
        "code-bg": "#f6f8fa",
        "code-fg": "#1f2328",
        "code-line": "#d1d9e0",
        "wrap-mark": "#b6c0ca",
        "inline-code-bg": "#eef1f4",
        "cloze": "#0a5bc4",
        "cloze-bg": "#e8f1fd",
        "easy": "#1a7f37",
        "medium": "#8a5a00",
        "hard": "#c6262e",
        # Code tokens (GitHub's Primer light palette: every colour at least 4.5:1 on --code-bg).
        "c-keyword": "#cf222e",
        "c-name-fn": "#6639ba",
        "c-name-cls": "#953800",
        "c-builtin": "#953800",
        "c-string": "#0a3069",
        "c-number": "#0550ae",
        "c-comment": "#59636e",
        "c-decorator": "#6639ba",
    },
    "night": {
        "bg": "#1e1f22",
        "fg": "#e3e6ea",
        "muted": "#a3acb6",
        "rule": "#3b4048",
        "accent": "#79b8ff",
        "surface": "#262a30",
        "code-bg": "#16191d",
        "code-fg": "#e3e6ea",
        "code-line": "#33383f",
        "wrap-mark": "#4b535c",
        "inline-code-bg": "#2d3239",
        "cloze": "#8cc4ff",
        "cloze-bg": "#1d3046",
        "easy": "#56d364",
        "medium": "#e3b341",
        "hard": "#ff7b72",
        # Code tokens (GitHub's Primer dark palette: every colour at least 4.5:1 on --code-bg).
        "c-keyword": "#ff7b72",
        "c-name-fn": "#d2a8ff",
        "c-name-cls": "#ffa657",
        "c-builtin": "#ffa657",
        "c-string": "#a5d6ff",
        "c-number": "#79c0ff",
        "c-comment": "#949ea8",
        "c-decorator": "#d2a8ff",
    },
}

# Pygments' short token classes -> the colour role they take. A class not listed keeps the code's text colour.
_TOKEN_ROLES: dict[str, tuple[str, ...]] = {
    "c-keyword": ("k", "kc", "kd", "kn", "kp", "kr", "kt", "ow", "nt"),
    "c-name-fn": ("nf", "fm"),
    "c-name-cls": ("nc", "ne"),
    "c-builtin": ("nb", "bp", "na"),
    "c-string": ("s", "s1", "s2", "sa", "sb", "sc", "dl", "sd", "sh", "sx", "sr", "ss", "se", "si"),
    "c-number": ("m", "mi", "mf", "mh", "mo", "mb", "il", "no"),
    "c-comment": ("c", "c1", "ch", "cm", "cp", "cpf", "cs", "gp"),
    "c-decorator": ("nd",),
}


def _variables(mode: str) -> str:
    colours = {**_COLOURS[mode], **{f"d-{key}": value for key, value in PALETTE[mode].items()}}
    return " ".join(f"--mle-{name}: {value};" for name, value in colours.items())


_LAYOUT = """
.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 18px; line-height: 1.5; text-align: left; color: var(--mle-fg); background-color: var(--mle-bg);
  margin: 0; padding: 0; overflow-wrap: break-word; -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
}
/* The design's column: the page behind it keeps the card's background, so no box shows at desktop width. */
.mle-card { max-width: 40em; margin: 0 auto; padding: 18px 24px 32px; }
.card *, .card *::before, .card *::after { box-sizing: border-box; }
.codehilite pre, .table-wrap, .card mjx-container[display="true"] {
  scrollbar-width: thin; scrollbar-color: var(--mle-wrap-mark) transparent;
}
.card p { margin: 0 0 0.6em; }
.card p:last-child { margin-bottom: 0; }
.card ul, .card ol { margin: 0.3em 0 0.6em; padding-left: 1.35em; }
.card li { margin: 0.2em 0; }
.card li > p { margin: 0; }
.card a { color: var(--mle-accent); }
.card strong { font-weight: 650; }
.card img { max-width: 100%; height: auto; }

/* The header: category and topic, from the Source field's generated `card-topic` span. */
.card-head {
  display: flex; align-items: baseline; gap: 8px; margin: 0 0 14px;
  font-size: 0; /* hides any text of the Source field that is not the topic (so sizes here are in px) */
}
.card-head .card-topic {
  font-size: 12.5px; line-height: 1.3; font-weight: 600; letter-spacing: 0.06em; text-transform: uppercase;
  color: var(--mle-muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0;
}
.card-head .card-src, .source .card-topic { display: none; }
.card-head .card-meta {
  font-size: 12.5px; line-height: 1.3; color: var(--mle-muted); white-space: nowrap; margin-left: auto;
}

.question, .problem-title, .prompt-title {
  font-size: 1.2em; line-height: 1.35; font-weight: 600; margin: 0 0 0.2em; letter-spacing: -0.005em;
}
.question p, .prompt-title p { margin: 0 0 0.4em; }
hr#answer { border: 0; border-top: 1px solid var(--mle-rule); height: 0; margin: 1em 0 1.1em; background: none; }
.answer { margin: 0; }
.ask { margin-top: 1em; font-size: 0.85em; color: var(--mle-muted); }

.context { font-size: 0.82em; font-weight: 600; color: var(--mle-muted); margin: 0 0 0.5em; }
.cloze-text { font-size: 1.08em; line-height: 1.55; }
.cloze { font-weight: 650; color: var(--mle-cloze); }
.cloze-text .cloze { background-color: var(--mle-cloze-bg); border-radius: 3px; padding: 0 0.15em;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }

.extra {
  margin-top: 1.1em; padding: 0.1em 0 0.1em 0.8em; border-left: 3px solid var(--mle-rule); font-size: 0.9em;
}
.source { font-size: 0.78em; color: var(--mle-muted); line-height: 1.4; }
.source .card-src { display: block; margin-top: 1.6em; padding-top: 0.7em; border-top: 1px solid var(--mle-rule); }
.source .card-src::before { content: "Source: "; font-weight: 650; }

/* Labels for parts of a card (problem facts, solution and tests). */
.label {
  display: block; margin: 1.2em 0 0.35em; font-size: 12.5px; font-weight: 650; letter-spacing: 0.06em;
  text-transform: uppercase; color: var(--mle-muted);
}

/* Problem cards: label and value side by side where there is room, stacked on a phone. */
.prompt { margin-top: 0.5em; }
dl.facts {
  display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.45em 1em; margin: 0.2em 0 0.4em;
}
dl.facts dt {
  font-size: 12.5px; font-weight: 650; letter-spacing: 0.06em; text-transform: uppercase; color: var(--mle-muted);
  padding-top: 0.3em;
}
dl.facts dd { margin: 0; min-width: 0; }
dl.facts dd > p:first-child { margin-top: 0; }
@media (max-width: 540px) {
  dl.facts { display: block; }
  dl.facts dt { padding-top: 0; margin-top: 0.8em; }
  dl.facts dt:first-child { margin-top: 0; }
  dl.facts dd { margin-top: 0.15em; }
}

/* Problem and prompt metadata (difficulty, budget, round) and a prompt's outline and deep dives. */
.problem-meta, .prompt-meta { font-size: 0.82em; color: var(--mle-muted); margin: 0.2em 0 0.6em; }
.difficulty { font-weight: 700; }
.difficulty.easy { color: var(--mle-easy); }
.difficulty.medium { color: var(--mle-medium); }
.difficulty.hard { color: var(--mle-hard); }
ol.phases { padding-left: 1.3em; }
ol.phases li { margin-bottom: 0.45em; }
.phase-name { font-weight: 650; }
.phase-min { font-size: 0.8em; color: var(--mle-muted); }
.deep-dives-title { margin-top: 1em; font-weight: 650; }
.dd-id { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.75em;
  color: var(--mle-muted); }

/* Wide things scroll inside their own box; the page never scrolls sideways. */
.table-wrap { max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.5em 0 0.8em; }
.card table { border-collapse: collapse; font-size: 0.92em; }
.card th, .card td { border: 1px solid var(--mle-rule); padding: 0.3em 0.6em; vertical-align: top; text-align: left; }
.card th { background-color: var(--mle-surface); font-weight: 650; }
.card mjx-container[display="true"] {
  display: block; max-width: 100%; overflow-x: auto; overflow-y: hidden; -webkit-overflow-scrolling: touch;
  margin: 0.6em 0 !important; padding: 0.15em 0;
}
.card mjx-container:not([display="true"]) { max-width: 100%; }
/* MathJax's hidden copy for screen readers is as wide as the formula; it must not widen the page past a formula
   that fits. Its text is still read: only its invisible box shrinks. */
.card mjx-assistive-mml { max-width: 100% !important; }

.code-part { margin-top: 0.2em; }
.code-part.tests .codehilite { margin-bottom: 0.4em; }

@media (max-width: 480px) {
  .card { font-size: 17px; }
  /* MathJax scales formulas to the text's x-height, about a fifth larger than the text on phones' fonts; at TeX's
     own size, long formulas fit the narrow column far more often. */
  .card mjx-container { font-size: 106% !important; }
  .mle-card { padding: 14px 14px 28px; }
  .question, .problem-title, .prompt-title { font-size: 1.15em; }
}
@media (max-width: 360px) {
  .mle-card { padding: 12px 10px 24px; }
}
.mobile .card, .mobile.card { -webkit-tap-highlight-color: transparent; }
"""

_CODE = """
.card code {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-size: 0.86em; font-variant-ligatures: none;
}
.card :not(pre) > code {
  background-color: var(--mle-inline-code-bg); border-radius: 4px; padding: 0.05em 0.3em; overflow-wrap: anywhere;
}
.codehilite {
  margin: 0.5em 0 0.8em; background-color: var(--mle-code-bg); color: var(--mle-code-fg);
  border: 1px solid var(--mle-code-line); border-radius: 8px;
}
.codehilite pre {
  margin: 0; padding: 0.65em 0.8em; font-size: 0.8em; line-height: 1.45; tab-size: 4;
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-variant-ligatures: none; white-space: pre-wrap; overflow-wrap: anywhere; overflow-x: auto;
}
/* A wrapped code line continues two characters right of its own indent, beside a faint bar, so a continuation never
   looks like a new statement, and no line end is ever hidden. `.ln` and `.iN` come from the generator (N = indent). */
.codehilite .ln { display: block; padding-left: 2ch; text-indent: -2ch; }
.codehilite .o, .codehilite .p { white-space: nowrap; } /* never break "->" or "==" at its middle */
@media (max-width: 480px) {
  .codehilite pre { font-size: 13px; padding: 0.6em 0.65em; }
}
@media (max-width: 360px) {
  .codehilite pre { font-size: 12.5px; }
}
"""


def _indent_classes() -> str:
    rules = []
    for indent in range(1, MAX_INDENT_CLASS + 1):
        hang = indent + 2
        rules.append(f".codehilite .i{indent} {{ padding-left: {hang}ch; text-indent: -{hang}ch; }}")
    marks = [
        ".codehilite .ln { background-image: linear-gradient(var(--mle-wrap-mark), var(--mle-wrap-mark));"
        " background-repeat: no-repeat; background-size: 2px calc(100% - 1lh); background-position: 0.5ch 1lh; }"
    ]
    for indent in range(1, MAX_INDENT_CLASS + 1):
        marks.append(f".codehilite .i{indent} {{ background-position: {indent + 0.5}ch 1lh; }}")
    # NOTE: the bar needs the `lh` unit; where it is unknown the whole declaration block is skipped, so no bar at all.
    return "\n".join(rules) + "\n@supports (height: 1lh) {\n" + "\n".join(marks) + "\n}\n"


def _token_colours() -> str:
    rules = [".codehilite .err { color: var(--mle-c-keyword); }"]
    for role, classes in _TOKEN_ROLES.items():
        selectors = ", ".join(f".codehilite .{name}" for name in classes)
        rules.append(f"{selectors} {{ color: var(--mle-{role}); }}")
    rules.append(".codehilite .c, .codehilite .c1, .codehilite .cm, .codehilite .sd { font-style: italic; }")
    rules.append(".codehilite .k, .codehilite .kn, .codehilite .kc, .codehilite .ow { font-weight: 600; }")
    return "\n".join(rules) + "\n"


_DIAGRAMS = """
.card svg.diagram {
  display: block; max-width: 100%; height: auto; margin: 0.8em auto; overflow: visible;
  font-family: Helvetica, Arial, sans-serif;
}
.card svg.diagram text, .card svg.diagram tspan { fill: var(--mle-d-fg); stroke: none; }
.card svg.diagram .d-muted { fill: var(--mle-d-muted); }
.card svg.diagram .d-hl { fill: var(--mle-d-hl); font-weight: 700; }
.card svg.diagram .d-bold { font-weight: 700; }
.card svg.diagram .d-mono { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; }
.card svg.diagram .d-head, .card svg.diagram .d-dot { fill: var(--mle-d-edge); stroke: none; }
.card svg.diagram .d-dash { stroke-dasharray: 6 4; }
"""


def _diagram_classes() -> str:
    rules = []
    for shape in SHAPE_CLASSES:
        key = "box" if shape == "d-box" else shape[2:]
        rules.append(
            f".card svg.diagram .{shape} {{ fill: var(--mle-d-{key}-fill); stroke: var(--mle-d-{key}-line); }}"
        )
    for line in LINE_CLASSES:
        key = "edge" if line == "d-edge" else f"b{line[3:]}-line"
        rules.append(f".card svg.diagram .{line} {{ fill: none; stroke: var(--mle-d-{key}); }}")
    return "\n".join(rules) + "\n"


def stylesheet() -> str:
    """The note types' CSS."""
    light = f".card {{ {_variables('light')} }}\n"
    # NOTE: the colours are set again with the night selectors, whose two classes outrank Anki's own
    # `body.nightMode { background-color: var(--canvas) }` in reviewer.css.
    night = f"{', '.join(_NIGHT)} {{ {_variables('night')} color: var(--mle-fg); background-color: var(--mle-bg); }}\n"
    return "".join([light, night, _LAYOUT, _CODE, _indent_classes(), _token_colours(), _DIAGRAMS, _diagram_classes()])
