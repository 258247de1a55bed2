"""The command group and the one place where errors become messages and exit codes."""

from __future__ import annotations

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


class _Group(click.Group):
    """Turns domain errors into one line + exit 2; never a traceback for bad input."""

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


def _register() -> None:
    from bot.cli.audit import audit
    from bot.cli.cite import cite
    from bot.cli.fix import fix
    from bot.cli.jobs import run, runs
    from bot.cli.revert import revert
    from bot.cli.rules import rules
    from bot.cli.sync import diff, pull_command, push_command, status

    cli.add_command(audit)
    cli.add_command(fix)
    cli.add_command(rules)
    cli.add_command(pull_command)
    cli.add_command(status)
    cli.add_command(diff)
    cli.add_command(push_command)
    cli.add_command(run)
    cli.add_command(runs)
    cli.add_command(cite)
    cli.add_command(revert)


_register()


def main() -> None:
    cli(prog_name="wikiwarden")
