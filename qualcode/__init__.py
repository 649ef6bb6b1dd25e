"""qualcode: qualitative interview coding and inter-coder agreement in the terminal."""
