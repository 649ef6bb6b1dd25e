"""Dutch NLP: pipeline loading, code suggestions and learning. The only package that imports spaCy."""
