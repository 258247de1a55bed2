"""The command group and the one place where errors become messages and exit codes."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from bot import __version__
from bot.config import load_config
from bot.errors import WikiDown, WikiwardenError
from bot.exits import EXIT_CLEAN, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_WIKI_DOWN

__all__ = ["cli", "fail", "main"]


def fail(message: str, status: int = EXIT_INPUT) -> None:
    """Print one error line and exit with ``status`` (default 2)."""
    click.echo(f"wikiwarden: error: {message}", err=True)
    sys.exit(status)


#: command name -> (module, attribute) of its click command, imported when the command runs
#: or is listed: ``wikiwarden audit`` starts without loading what ``cite``, ``sync`` or
#: ``revert`` need (about 0.17 s of imports at every start)
COMMANDS = {
    "audit": ("bot.cli.audit", "audit"),
    "cite": ("bot.cli.cite", "cite"),
    "diff": ("bot.cli.sync", "diff"),
    "fix": ("bot.cli.fix", "fix"),
    "pull": ("bot.cli.sync", "pull_command"),
    "push": ("bot.cli.sync", "push_command"),
    "revert": ("bot.cli.revert", "revert"),
    "rules": ("bot.cli.rules", "rules"),
    "run": ("bot.cli.jobs", "run"),
    "runs": ("bot.cli.jobs", "runs"),
    "status": ("bot.cli.sync", "status"),
}


class _Group(click.Group):
    """Turns domain errors into one line + exit 2; never a traceback for bad input.  Loads
    a command's module when the command is asked for (:data:`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            module, attribute = COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WikiDown as exc:
            fail(str(exc), EXIT_WIKI_DOWN)
        except WikiwardenError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            click.echo("wikiwarden: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.stderr.close()  # output piped into `head`: not an error
            sys.exit(EXIT_CLEAN)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wikiwarden")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Config file (TOML). Default: $WIKIWARDEN_CONFIG, else ./wikiwarden.toml if present.",
)
@click.option(
    "--pywikibot-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder holding pywikibot's user-config.py, for wiki access. "
    "Default: $PYWIKIBOT_DIR, else the current folder if it has a user-config.py.",
)
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, pywikibot_dir: Path | None) -> None:
    """Audit and fix MediaWiki pages: citations, section structure and layout.

    Pages come from local .wiki files, folders, XML dumps (.xml, .bz2, .gz) or a live wiki
    (through pywikibot). Run `wikiwarden COMMAND --help` for each command.

    \b
    Example:
      wikiwarden audit samples/
      wikiwarden audit -cat:Vitamins --format json --output report.json
      wikiwarden rules SEC001
    """
    config = load_config(config_path)
    ctx.obj = config.with_overrides(pywikibot_dir=pywikibot_dir)


def main() -> None:
    cli(prog_name="wikiwarden")
