"""newsdigest: turn a folder of news articles into a deduplicated static digest."""

__version__ = "0.1.0"
