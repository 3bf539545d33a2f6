"""The pure-Python heart of QuickReply: no Qt, no OS calls beyond files."""
