"""Agreement on a project's coded text: units, the agreement command, disagreements and consensus."""
