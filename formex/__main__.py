"""`python -m formex` runs the command line."""
from formex.cli import main

if __name__ == "__main__":  # worker processes may import this module: they must not run the CLI
    main()
