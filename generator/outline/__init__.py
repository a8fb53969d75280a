"""The outline reader: source lines → Document."""
from .parser import parse_outline

__all__ = ["parse_outline"]
