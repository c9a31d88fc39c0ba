"""Have a freshly started app run its page once, before its first reader does.

A Streamlit process runs ``app.py`` only when a browser asks for it, so the
first reader after a start waited for the process's imports (pandas, folium,
streamlit-folium: over a second), the workspace's first queries and the
default view's circles (half a second for 10,000 places).  Streamlit's script
health check (``/_stcore/script-health-check``, switched on in
``.streamlit/config.toml``) runs the page in a session of its own; the caches
it fills (imports, the gazetteer, ``st.cache_data``) are the process's, so
every reader after it finds them ready.  ``deploy/start.sh`` starts
:func:`warm_up` beside the app.  It asks only the address it is given (the
app's own, on this machine) and gives up after ``timeout`` seconds.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

HEALTH = "/_stcore/health"
SCRIPT_CHECK = "/_stcore/script-health-check"
_POLL_SECONDS = 0.2


class WarmUpError(RuntimeError):
    """The app did not answer, or its page failed when it ran."""


def warm_up(url: str, *, timeout: float = 180.0) -> float:
    """Wait until the app at ``url`` answers, then have it run its page once; seconds taken.

    Raises :class:`WarmUpError` when the app does not answer within
    ``timeout`` seconds or its page ends in an error (the reader would see
    the same error: the app's log says which).
    """
    started = time.monotonic()
    deadline = started + timeout
    while not _answers(url + HEALTH):
        if time.monotonic() > deadline:
            raise WarmUpError(f"The app at {url} did not answer within {timeout:.0f} s: is it running on that port?")
        time.sleep(_POLL_SECONDS)
    try:
        with urllib.request.urlopen(url + SCRIPT_CHECK, timeout=max(1.0, deadline - time.monotonic())) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        raise WarmUpError(f"The app at {url} failed to run its page ({error.code}): see the app's log, or switch on "
                          "server.scriptHealthCheckEnabled in .streamlit/config.toml.") from error
    except OSError as error:
        raise WarmUpError(f"The app at {url} did not run its page within {timeout:.0f} s: {error}.") from error
    return time.monotonic() - started


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as answer:
            return answer.status == 200
    except OSError:
        return False
