"""Lets `python -m dprktrack` run the same command line as the `dprktrack` script."""

from dprktrack.cli import main

if __name__ == "__main__":
    main()
