"""The board's actions, grouped by what they act on (mixed into BoardApp)."""
