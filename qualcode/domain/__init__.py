"""Plain, Textual-free data: the frozen dataclasses every layer passes around."""
