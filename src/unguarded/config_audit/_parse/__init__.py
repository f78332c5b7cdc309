"""Parsers: file text in, typed documents (with line numbers) out. One module per format."""
