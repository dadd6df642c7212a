"""The board's actions, grouped by what they act on: each group a class that gets the board
(`app.cards`, `app.room`, ...)."""
