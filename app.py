"""Start the web app: ``python app.py`` (the same as ``ikz serve``)."""

import logging
import os

from assistant.offline import apply_offline_switches

if __name__ == "__main__":
    apply_offline_switches(os.environ)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    from assistant.settings import Settings
    from assistant.ui.server import serve

    serve(Settings())
