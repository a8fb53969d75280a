"""`python -m generator` runs the huiwu command line."""
from .cli import main

# -- guarded: on Windows, batch workers are spawned and re-import this module as __mp_main__ --
if __name__ == "__main__":
    main()
