"""The text layer of the editorial engine: plain Python, one definition of each word list and
helper, shared by the drafter and the fact-checker.

- ``source``: :class:`SourceText`, a source as the engine sees it.
- ``sentences``: sentences and paragraphs with exact character offsets.
- ``words``: word tokens, the stopword list, the stemmer, term vectors.
- ``numbers``: number words, numerals, scales and currencies.
- ``dates``: month and weekday names and calendar helpers.
- ``speech``: verbs of saying (attribution).
- ``future``: future tense and plans.
- ``titles``: words that title a person ("Mayor", "Councillor").
- ``slots``: a quantity with its unit and the thing it counts, comparing two of them, and the
  figures sources disagree on (one implementation for the drafter and the fact-checker).
- ``blocks``: an article body as reader-visible blocks (paragraphs, list items, table rows)
  with their exact place in the HTML.
- ``instructions``: sentences addressed to an AI model (prompt injection), never drafted from
  and never evidence.
"""
