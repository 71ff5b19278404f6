"""Staff command line: `python -m bot COMMAND` (see `python -m bot --help`)."""

import argparse
import logging
import sys

from bot.run import scaled, serve
from bot.staff import lists as staff
from bot.staff import purge, replay


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve.add_arguments(
        commands.add_parser("serve", help="run the assistant, its action server and the outbox")
    )
    scaled.add_arguments(
        commands.add_parser(
            "serve-scaled",
            help="run replicas behind nginx, sharing PostgreSQL and Redis (docs/deployment.md)",
        )
    )
    commands.add_parser("telegram", help="run the Telegram bridge (see bot/telegram/bridge.py)")
    actions_parser = commands.add_parser("actions", help="run the action server alone (loopback, token)")
    actions_parser.add_argument("--port", type=int, default=5055)
    outbox = commands.add_parser("outbox", help="deliver handovers to Thurrock First (email/webhook)")
    outbox.add_argument("--once", action="store_true", help="try what is due once, then stop")
    staff.add_arguments(commands.add_parser("handovers", help="list, show or export handovers"))
    staff.add_feedback_arguments(
        commands.add_parser("feedback", help="list feedback and unanswered questions")
    )
    report_parser = commands.add_parser("report", help="write the staff report (HTML with charts, and CSV)")
    report_parser.add_argument("--out", required=True, metavar="DIR")
    purge.add_arguments(
        commands.add_parser("purge", help="remove personal data older than the retention period")
    )
    replay.add_arguments(
        commands.add_parser("replay", help="replay a conversation file against the assistant")
    )
    settings_parser = commands.add_parser(
        "settings", help="print every setting as a Markdown table (docs/configuration.md)"
    )
    settings_parser.add_argument("--env-example", action="store_true", help="print .env.example instead")
    options = parser.parse_args(argv)
    if options.command == "serve":
        return serve.run(options)
    if options.command == "serve-scaled":
        return scaled.run(options)
    if options.command == "actions":
        from bot.run import actions  # imported only when used: it loads the actions

        return actions.run(options)
    if options.command == "telegram":
        from bot.telegram import bridge as telegram  # imported only when used: python-telegram-bot is large

        return telegram.run()
    if options.command == "outbox":
        from bot.outbox.worker import Outbox, OutboxSettings, wait_for_database
        from bot.settings import settings as read_settings

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s outbox: %(message)s")
        settings = OutboxSettings.from_settings(read_settings())
        box = Outbox(wait_for_database(settings.poll_seconds), settings)
        if options.once:
            print(f"Sent {box.deliver_due()} handover delivery(ies)")
            return 0
        box.run_forever()
        return 0
    if options.command == "handovers":
        return staff.run(options)
    if options.command == "feedback":
        return staff.run_feedback(options)
    if options.command == "report":
        from bot.staff import report  # imported only when used: matplotlib is slow to load

        return report.run(options)
    if options.command == "purge":
        return purge.run(options)
    if options.command == "replay":
        return replay.run(options)
    if options.command == "settings":
        from bot.settings import env_example, markdown_table

        print(env_example() if options.env_example else markdown_table(), end="")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
