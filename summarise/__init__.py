"""Plain-English summaries and spoken audio of public-safety press releases."""

__version__ = "0.1.0"
