"""Dutch NLP: pipeline loading, code suggestions and learning. The only package that imports spaCy.

Importing this package (or ``qualcode.nlp.suggestion``) does not load spaCy; the other modules do,
so import them inside a worker:

- ``pipeline_loader``: ``load_pipeline`` → ``LoadedPipeline(nlp, info)``; the offline fallback.
- ``project_suggestions``: the store-aware API (open a suggester, suggest for a document,
  record accept/reject, rebuild the example model, evaluate cold and warm).
- ``suggester``: ``Suggester.for_segment`` / ``for_document``, pure over a codebook and text.
- ``indicator_matcher``, ``example_model`` (``coded_examples``, ``keyword_mining``),
  ``vector_similarity``: the sources of evidence; ``calibration``: the abstain threshold and its odds.
"""
