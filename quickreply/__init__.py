"""QuickReply (快捷回复助手): quick replies and talk scripts for shop customer service."""

__version__ = "0.1.0"
