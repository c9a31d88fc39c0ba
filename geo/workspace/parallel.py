"""Extraction in other processes, on this machine or on a Dask cluster (``geo add --workers/--scheduler``).

Recognising places is the slow part of adding articles and needs no
workspace, so it runs in ``dask.distributed`` workers: a ``LocalCluster`` of
``workers`` processes on this machine, or an existing cluster given by its
scheduler's address.  Documents travel in batches; each worker process opens
the gazetteer once and keeps it.  Results come back as
:class:`geo.workspace.store.Analysis` and the calling process alone writes them, one
transaction a document, so a worker that dies mid-run costs only a retry of
its batch (Dask reschedules it), and nothing is stored twice or half.

    with DaskRunner(workers=2) as runner:
        workspace.add(read_paths(["archive/"]), runner=runner)

Start a cluster for ``--scheduler`` with ``dask scheduler`` on one machine and
``dask worker tcp://HOST:8786`` on each of the others (each needs this package
installed; a worker builds the gazetteer on first use if it has none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from geo.documents import Document
from geo.errors import GeoError
from geo.gazetteer.index import Gazetteer
from geo.workspace.store import Analysis, analyse_document

BATCH = 32
RETRIES = 2


@lru_cache(maxsize=1)
def worker_gazetteer() -> Gazetteer:
    """The gazetteer, opened once per worker process."""
    from geo.gazetteer.sources import load_or_build

    return load_or_build()


def analyse_batch(documents: list[Document]) -> list[Analysis]:
    """What a worker does with one batch."""
    gazetteer = worker_gazetteer()
    return [analyse_document(document, gazetteer) for document in documents]


class DaskRunner:
    """A runner for :meth:`geo.workspace.store.Workspace.add` on a Dask cluster.

    Parameters
    ----------
    workers : int, optional
        Start a ``LocalCluster`` of this many single-threaded worker processes
        (the default when no ``scheduler`` is given: 2).
    scheduler : str, optional
        Address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
    batch : int
        Documents per task: large enough that a task outweighs its overhead,
        small enough that the work spreads over the workers.
    analyse : callable
        What a task runs on a batch (:func:`analyse_batch`); tests swap in one
        that fails.
    timeout : float
        Seconds to wait for ``scheduler`` to answer.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None, *, batch: int = BATCH,
                 analyse: Callable[[list[Document]], list[Analysis]] = analyse_batch, timeout: float = 20) -> None:
        if workers is not None and scheduler is not None:
            raise ValueError("give workers (a cluster on this machine) or scheduler (an existing one), not both")
        self.workers = workers or (None if scheduler else 2)
        self.scheduler = scheduler
        self.batch = batch
        self.analyse = analyse
        self.timeout = timeout
        self._client = None
        self._cluster = None

    def __enter__(self) -> DaskRunner:
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=self.timeout)
            except (OSError, TimeoutError) as exc:
                raise GeoError(f"{self.scheduler}: no Dask scheduler answered within {self.timeout:g} s ({exc}); "
                               "start one with `dask scheduler`, or use --workers N on this machine.") from None
        else:
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self._client = Client(self._cluster)
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __call__(self, documents: list[Document]) -> Iterator[Analysis]:
        """Each document's analysis, as batches finish (not in input order)."""
        from dask.distributed import as_completed

        if not documents:
            return
        batches = [documents[i:i + self.batch] for i in range(0, len(documents), self.batch)]
        futures = self._client.map(self.analyse, batches, pure=False, retries=RETRIES)
        for future in as_completed(futures):
            yield from future.result()
            future.release()
