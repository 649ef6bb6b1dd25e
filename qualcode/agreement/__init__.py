"""Agreement measures and reliability data, pure Python, usable without a project."""
