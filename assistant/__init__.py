"""IKZ-Assistent: cited answers on inter-municipal cooperation from a folder of publications.

Nothing runs at import time; ``Assistant`` and ``Settings`` are imported lazily so that
``import assistant`` stays cheap for the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Assistant", "Settings", "__version__"]

if TYPE_CHECKING:
    from .service import Assistant
    from .settings import Settings


def __getattr__(name: str) -> Any:
    if name == "Assistant":
        from .service import Assistant

        return Assistant
    if name == "Settings":
        from .settings import Settings

        return Settings
    raise AttributeError(name)
