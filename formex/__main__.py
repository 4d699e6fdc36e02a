"""`python -m formex` runs the command line."""
from formex.cli import main

main()
