"""Staff command line: `python -m bot COMMAND` (see `python -m bot --help`)."""

import argparse
import sys

from bot import serve


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve.add_arguments(
        commands.add_parser("serve", help="run the assistant and its action server")
    )
    options = parser.parse_args(argv)
    if options.command == "serve":
        return serve.run(options)
    return 2


if __name__ == "__main__":
    sys.exit(main())
