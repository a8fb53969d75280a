"""`python -m generator` runs the huiwu command line."""
from .cli import main

main()
