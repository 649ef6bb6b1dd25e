"""Dutch NLP: pipeline loading, code suggestions and learning. The only package that imports spaCy.

Importing this package (or ``qualcode.nlp.suggestion``) does not load spaCy; the other modules do,
so import them inside a worker:

- ``pipeline_loader``: ``load_pipeline`` → ``LoadedPipeline(nlp, info)``; the offline fallback.
- ``project_suggestions``: the store-aware API (open a suggester, suggest for a document,
  record accept/reject, retrain, evaluate).
- ``suggester``: ``Suggester.for_segment`` / ``for_document``, pure over a codebook and text.
- ``indicator_matcher``, ``learned_model``, ``vector_similarity``: the three sources of evidence.
"""
