"""Reading back what was coded: retrieval by code query, crosstabs, the framework matrix, quote books."""
