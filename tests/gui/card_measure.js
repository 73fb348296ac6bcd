// Measures rendered cards in Anki's own card page (reviewer.js, Anki's MathJax), for tests/gui/drive_cards.py.
// Test code only: the cards themselves carry no JavaScript.
//
// __cardSweep.start(batch, mode) puts each card of `batch` ({key, html, ord}) in its own `.card` element, waits for
// MathJax, measures every card and leaves the results in __cardSweep.results (null while it works). `mode` holds
// {night, mobile, labelMin}. __cardSweep.measure(element) measures one element (the body, in the reviewer path).
(function () {
  "use strict";
  let labelMinPx = 11;
  const CONTRAST_MIN = 4.5;
  const TEX_LEFT = /\\\(|\\\)|\\\[|\\\]|\$\$|\\(?:frac|sum|mathrm|text|left|right|begin|end|hat|sqrt|log|alpha|beta|theta|lambda|sigma|mu|cdot|times|le|ge|in|mid|lVert|rVert|operatorname|mathbb|mathcal)\b/;

  function parseColour(text) {
    const found = /rgba?\(([^)]+)\)/.exec(text || "");
    if (!found) return null;
    const parts = found[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }

  function over(top, bottom) {
    const a = top.a;
    return {
      r: top.r * a + bottom.r * (1 - a),
      g: top.g * a + bottom.g * (1 - a),
      b: top.b * a + bottom.b * (1 - a),
      a: 1,
    };
  }

  function luminance(c) {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  }

  function contrast(a, b) {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  // The colour behind an HTML element: its own background and its ancestors', composited, down to the page.
  function backgroundOf(element) {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parseColour(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (let index = layers.length - 1; index >= 0; index--) result = over(layers[index], result);
    return result;
  }

  function visible(element) {
    if (!element.getClientRects().length) return false;
    const style = getComputedStyle(element);
    return style.visibility !== "hidden" && style.display !== "none" && parseFloat(style.opacity || "1") > 0;
  }

  function ownText(element) {
    let text = "";
    for (const child of element.childNodes) if (child.nodeType === 3) text += child.nodeValue;
    return text.trim();
  }

  const GEOMETRY = "rect, circle, ellipse, line, polyline, polygon, path";

  // The fill painted under a point of an SVG text: the topmost earlier shape whose fill contains it.
  function svgBackground(text, svg) {
    const box = text.getBoundingClientRect();
    const point = new DOMPoint(box.left + box.width / 2, box.top + box.height / 2);
    let found = null;
    for (const shape of svg.querySelectorAll(GEOMETRY)) {
      if (shape.closest("defs, marker, symbol, clipPath")) continue;
      if (shape.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_PRECEDING) continue; // drawn after the text
      const fill = parseColour(getComputedStyle(shape).fill);
      if (!fill || fill.a === 0) continue;
      const matrix = shape.getScreenCTM();
      if (!matrix) continue;
      const local = point.matrixTransform(matrix.inverse());
      if (shape.isPointInFill(local)) found = { fill, opacity: parseFloat(getComputedStyle(shape).fillOpacity || "1") };
    }
    const base = backgroundOf(svg);
    if (!found) return base;
    return over({ ...found.fill, a: found.fill.a * found.opacity }, base);
  }

  function describe(element) {
    const text = (element.textContent || "").trim().replace(/\s+/g, " ");
    return `<${element.tagName.toLowerCase()}${element.className && typeof element.className === "string" ? "." + element.className.split(" ")[0] : ""}> ${JSON.stringify(text.slice(0, 40))}`;
  }

  function contrastProblems(card) {
    const problems = [];
    let worst = Infinity;
    const elements = [...card.querySelectorAll("*")].filter((element) => {
      if (element.closest("mjx-assistive-mml, title, desc, style, script, defs")) return false;
      if (element.tagName.toLowerCase() === "mjx-container") return true;
      if (element.closest("mjx-container")) return false;
      return ownText(element) !== "";
    });
    for (const element of elements) {
      if (!visible(element)) continue;
      const svg = element.closest("svg");
      let ratio;
      if (svg) {
        const fill = parseColour(getComputedStyle(element).fill);
        if (!fill) continue;
        ratio = contrast(over(fill, svgBackground(element, svg)), svgBackground(element, svg));
      } else {
        const background = backgroundOf(element);
        const colour = parseColour(getComputedStyle(element).color);
        ratio = contrast(over(colour, background), background);
      }
      worst = Math.min(worst, ratio);
      if (ratio < CONTRAST_MIN) problems.push(`contrast ${ratio.toFixed(2)}:1 for ${describe(element)}`);
    }
    return { problems, worst: worst === Infinity ? null : worst };
  }

  // How far two boxes overlap vertically, when they overlap horizontally by more than a pixel; else 0.
  function overlap(a, b) {
    const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const down = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    return across > 1 && down > 0 ? down : 0;
  }

  // Diagram labels: rendered size, overlap with other labels, with drawn outlines, and with the drawing's edge.
  function diagramProblems(card) {
    const problems = [];
    let smallest = null;
    let labels = 0;
    for (const svg of card.querySelectorAll("svg.diagram")) {
      const name = svg.getAttribute("aria-label") || "diagram";
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll("text")].filter((text) => text.textContent.trim() && visible(text));
      const boxes = texts.map((text) => text.getBoundingClientRect());
      texts.forEach((text, index) => {
        labels += 1;
        const matrix = text.getScreenCTM();
        const px = parseFloat(getComputedStyle(text).fontSize) * (matrix ? Math.hypot(matrix.a, matrix.b) : 1);
        smallest = smallest === null ? px : Math.min(smallest, px);
        const label = JSON.stringify(text.textContent.trim().slice(0, 30));
        if (px < labelMinPx - 0.01) problems.push(`label ${label} renders at ${px.toFixed(1)} px in ${name}`);
        const box = boxes[index];
        if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5)
          problems.push(`label ${label} is cut by the edge of ${name}`);
        for (let other = index + 1; other < texts.length; other++) {
          // A label's box is its em box, which holds internal leading above the capitals and room below the
          // baseline; stacked lines (and subscripts) may share that much without their glyphs touching.
          if (overlap(box, boxes[other]) > 3)
            problems.push(`labels ${label} and ${JSON.stringify(texts[other].textContent.trim().slice(0, 30))} overlap in ${name}`);
        }
      });
      // Outlines: sample every drawn stroke and look for points inside a label's box (shrunk by a pixel). A point
      // hidden under a filled shape drawn after the stroke (a ring under its nodes, an edge under a node) is not seen.
      const shapes = [...svg.querySelectorAll(GEOMETRY)].filter((shape) => !shape.closest("defs, marker, symbol, clipPath"));
      const fills = shapes.filter((shape) => {
        const fill = parseColour(getComputedStyle(shape).fill);
        return fill && fill.a > 0 && shape.getScreenCTM();
      });
      const hidden = (point, shape) =>
        fills.some(
          (cover) =>
            cover !== shape &&
            shape.compareDocumentPosition(cover) & Node.DOCUMENT_POSITION_FOLLOWING &&
            cover.isPointInFill(point.matrixTransform(cover.getScreenCTM().inverse())),
        );
      for (const shape of shapes) {
        const style = getComputedStyle(shape);
        const stroked = style.stroke !== "none" && parseFloat(style.strokeWidth) > 0;
        const dot = shape.classList.contains("d-dot");
        if (!stroked && !dot) continue;
        const matrix = shape.getScreenCTM();
        if (!matrix || typeof shape.getTotalLength !== "function") continue;
        const length = shape.getTotalLength();
        const steps = Math.max(2, Math.ceil(length));
        const hit = new Set();
        for (let step = 0; step <= steps; step++) {
          const point = shape.getPointAtLength((length * step) / steps).matrixTransform(matrix);
          boxes.forEach((box, index) => {
            if (hit.has(index)) return;
            if (point.x > box.left + 1 && point.x < box.right - 1 && point.y > box.top + 1 && point.y < box.bottom - 1)
              if (!hidden(new DOMPoint(point.x, point.y), shape)) hit.add(index);
          });
        }
        for (const index of hit)
          problems.push(`label ${JSON.stringify(texts[index].textContent.trim().slice(0, 30))} touches a <${shape.tagName}> line in ${name}`);
      }
    }
    return { problems, smallest, labels };
  }

  function mathProblems(card) {
    const problems = [];
    for (const error of card.querySelectorAll("mjx-merror, [data-mjx-error]"))
      problems.push(`MathJax error: ${(error.getAttribute("data-mjx-error") || error.textContent).slice(0, 80)}`);
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("pre, code, mjx-container, style, script, svg")) continue;
      const found = TEX_LEFT.exec(node.nodeValue);
      if (found) problems.push(`raw TeX left: ${JSON.stringify(node.nodeValue.slice(Math.max(0, found.index - 20), found.index + 30))}`);
    }
    return problems;
  }

  // For every non-empty code line: is its last character inside the code box's visible area?
  function codeLines(card) {
    let total = 0;
    let visibleEnds = 0;
    const hidden = [];
    for (const pre of card.querySelectorAll("pre")) {
      const frame = pre.getBoundingClientRect();
      const right = frame.left + pre.clientLeft + pre.clientWidth + 0.5;
      const ends = [];
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      let last = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue;
        for (let index = 0; index < text.length; index++) {
          const char = text[index];
          if (char === "\n") {
            ends.push(last);
            last = null;
          } else if (char !== " " && char !== "\t") {
            last = { node, index };
          }
        }
      }
      ends.push(last);
      for (const end of ends) {
        if (end === null) continue;
        total += 1;
        const range = document.createRange();
        range.setStart(end.node, end.index);
        range.setEnd(end.node, end.index + 1);
        const rects = range.getClientRects();
        const box = rects[rects.length - 1];
        if (box && box.right <= right) visibleEnds += 1;
        else if (hidden.length < 3) hidden.push(JSON.stringify(end.node.nodeValue.trim().slice(-30)));
      }
    }
    return { total, visible: visibleEnds, hidden };
  }

  // The outermost elements that stick out of the card's content box, to name in a failure.
  function widest(card) {
    const limit = card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight) + 0.5;
    const found = [];
    const visit = (element) => {
      for (const child of element.children) {
        if (child.getBoundingClientRect().right > limit) {
          found.push(describe(child));
          if (found.length >= 2) return;
        } else if (getComputedStyle(child).overflowX === "visible") visit(child);
      }
    };
    visit(card);
    return found.join(", ");
  }

  function measure(card) {
    const diagrams = diagramProblems(card);
    const colours = contrastProblems(card);
    const overflow = card.scrollWidth - card.clientWidth;
    const problems = [];
    if (overflow > 0.5)
      problems.push(`the card is ${overflow}px wider than its ${card.clientWidth}px window (${widest(card)})`);
    return {
      problems: problems.concat(diagrams.problems, mathProblems(card), colours.problems),
      overflow,
      smallestLabel: diagrams.smallest,
      labels: diagrams.labels,
      worstContrast: colours.worst,
      code: codeLines(card),
      height: card.getBoundingClientRect().height,
    };
  }

  function typeset(elements) {
    if (typeof MathJax === "undefined" || !MathJax.startup) return Promise.resolve();
    return MathJax.startup.promise.then(() => MathJax.typesetPromise(elements));
  }

  window.__cardSweep = {
    results: null,
    errors: [],
    measure,
    start(batch, mode) {
      this.results = null;
      labelMinPx = mode.labelMin || 11;
      const root = document.documentElement;
      root.classList.toggle("mobile", Boolean(mode.mobile));
      document.body.className = "";
      document.body.style.margin = "0";
      const host = document.getElementById("qa");
      host.innerHTML = "";
      const cards = batch.map((item) => {
        const card = document.createElement("div");
        card.className = `card card${item.ord + 1}` + (mode.night ? " nightMode night_mode" : "");
        card.innerHTML = item.html;
        host.appendChild(card);
        return card;
      });
      typeset(cards)
        .then(() => {
          const pageOverflow = document.documentElement.scrollWidth - window.innerWidth;
          this.results = {
            pageOverflow,
            cards: cards.map((card, index) => ({ key: batch[index].key, ...measure(card) })),
          };
        })
        .catch((error) => {
          this.results = { error: String(error && error.stack ? error.stack : error) };
        });
      return true;
    },
  };
})();
