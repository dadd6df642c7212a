"""tussenruimte — a live session board for the terminal."""

__version__ = "0.1.0"
