"""Practice under interview conditions: mock interviews, their log, today's practice set and the practice figures.

One module per concern, each a function of a `Collection` (or of plain values) that never imports Qt:
- `timing`: the phases and budgets of an attempt and where its time went (the clock is an argument);
- `grading`: solved within budget / over budget / needed the answer -> Good (or Easy) / Hard / Again;
- `items`: which cards each round can ask, and a card rendered for the mock window;
- `pick`: "what I need most" and "surprise me";
- `log`: the practice log in the collection config (it syncs), bounded;
- `record`: a graded attempt as a real review plus its log entry, in one undo step;
- `daily`: today's practice, a filtered deck of a few problems in a difficulty mix;
- `stats`: the panel's and the strip's figures;
- `mock`: a mock-interview session as a plain state with pure transitions;
- `render`: the mock window, the panel's practice section and the strip's line, as HTML.
`gui.py` wires them into Anki. `docs/practice.md` explains every number and every rule.
"""
