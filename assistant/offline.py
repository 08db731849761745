"""Offline switches for the libraries: nothing may try to reach a model hub or telemetry host."""

from __future__ import annotations

from collections.abc import MutableMapping

OFFLINE_SWITCHES = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "DO_NOT_TRACK": "1",
}
# Not about the network, but it too must be set before a library loads (here: the OpenMP runtime of the
# embedding model). Threads waiting at a barrier sleep instead of spinning: on a busy machine a spinning
# thread holds a core its partner needs, and a question's embedding took 0.5–3 s instead of 30–40 ms
# (measured on 2 cores under load; batch throughput also rose by 5–15 %, see bench/embed_throughput.py).
RUNTIME_SWITCHES = {
    "OMP_WAIT_POLICY": "PASSIVE",
}


def apply_offline_switches(environ: MutableMapping[str, str]) -> None:
    """Set the switches in ``environ`` (normally ``os.environ``) unless the user set them already.

    Called by the entry points before any library is imported; library code never touches the env.
    """
    for key, value in {**OFFLINE_SWITCHES, **RUNTIME_SWITCHES}.items():
        environ.setdefault(key, value)
