"""Loading the extract stage's data files from the package's resources/ folder."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..errors import ConfigError


def load_json(relative: str, *, required: bool = True) -> Any:
    """Parsed resources/<relative>; a missing optional file is None, a broken one an error."""
    path = resources.files("mosaic_pipeline") / "resources"
    for part in relative.split("/"):
        path = path / part
    try:
        if not path.is_file():
            if required:
                raise ConfigError(f"data file resources/{relative} is missing")
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"data file resources/{relative} is invalid: {exc}") from exc
