"""CSV reports and REFI-QDA exchange."""
