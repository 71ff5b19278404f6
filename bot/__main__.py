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
    commands.add_parser("telegram", help="run the Telegram bridge (see bot/telegram.py)")
    options = parser.parse_args(argv)
    if options.command == "serve":
        return serve.run(options)
    if options.command == "telegram":
        from bot import telegram  # imported only when used: python-telegram-bot is large

        return telegram.run()
    return 2


if __name__ == "__main__":
    sys.exit(main())
