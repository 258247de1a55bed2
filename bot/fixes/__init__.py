"""Safe fixes: edits that rules propose, applied, verified and validated.

- :mod:`.edit`    the :class:`Edit` a rule proposes, and applying a batch of them
- :mod:`.engine`  run the fixers of the selected rules until nothing changes
- :mod:`.verify`  the lossless and minimal-diff checks
- :mod:`.gate`    the validation gate every fixed page must pass before it is written
- :mod:`.diff`    unified diffs for dry runs
"""

from bot.fixes.edit import Edit, apply_edits
from bot.fixes.engine import FixResult, fix_document

__all__ = ["Edit", "FixResult", "apply_edits", "fix_document"]
