"""The coding workbench: a Textual app over the project store (the only package that imports textual)."""
