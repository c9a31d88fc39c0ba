"""Extraction in other processes, on this machine or on a Dask cluster (``geo add --workers/--scheduler``).

Recognising places is the slow part of adding articles and needs no
workspace, so it runs in ``dask.distributed`` workers: a ``LocalCluster`` of
``workers`` processes on this machine, or an existing cluster given by its
scheduler's address.  Documents travel in batches; each worker process opens
the gazetteer once and keeps it.  Results come back as
:class:`geo.workspace.store.Analysis` and the calling process alone writes them, one
transaction per group of documents, so a worker that dies mid-run costs only a retry of
its batch (Dask reschedules it), and nothing is stored twice or half.

    with DaskRunner(workers=2) as runner:
        workspace.add(read_paths(["archive/"]), runner=runner)

Start a cluster for ``--scheduler`` with ``dask scheduler`` on one machine and
``dask worker tcp://HOST:8786`` on each of the others (each needs this package
installed; a worker builds the gazetteer on first use if it has none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice

from geo.documents import Document
from geo.errors import GeoError
from geo.gazetteer.index import Gazetteer
from geo.workspace.store import Analysis, analyse_document

BATCH = 32
# Batches in flight per worker thread: enough to keep each busy while this process writes.
AHEAD_PER_THREAD = 4
RETRIES = 2
# Each connection of Dask's keeps its last 1,000 messages for debugging, and a message here is a batch of
# whole articles (to a worker) or their analyses (back): at 100,000 articles that held about 600 MB in
# this process, which hosts the LocalCluster's scheduler, and more in each worker.
KEEP_NO_MESSAGE_LOG = {"distributed.admin.low-level-log-length": 0}


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
    ahead : int, optional
        Batches in flight at once (the workers' queue); by default four per
        thread the cluster has when the runner starts.
    analyse : callable
        What a task runs on a batch (:func:`analyse_batch`); tests swap in one
        that fails.
    timeout : float
        Seconds to wait for ``scheduler`` to answer.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None, *, batch: int = BATCH,
                 ahead: int | None = None, analyse: Callable[[list[Document]], list[Analysis]] = analyse_batch, timeout: float = 20) -> None:
        if workers is not None and scheduler is not None:
            raise ValueError("give workers (a cluster on this machine) or scheduler (an existing one), not both")
        self.workers = workers or (None if scheduler else 2)
        self.scheduler = scheduler
        self.batch = batch
        self.ahead = ahead
        self.analyse = analyse
        self.timeout = timeout
        self._client = None
        self._cluster = None

    def __enter__(self) -> DaskRunner:
        import dask
        from dask.distributed import Client, LocalCluster

        self._config = dask.config.set(KEEP_NO_MESSAGE_LOG)
        if self.scheduler:
            try:
                self._client = Client(self.scheduler, timeout=self.timeout)
            except (OSError, TimeoutError) as exc:
                self._config.__exit__(None, None, None)
                raise GeoError(f"{self.scheduler}: no Dask scheduler answered within {self.timeout:g} s ({exc}); "
                               "start one with `dask scheduler`, or use --workers N on this machine.") from None
        else:
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None)
            self._client = Client(self._cluster)
        if self.ahead is None:
            threads = sum(w["nthreads"] for w in self._client.scheduler_info()["workers"].values())
            self.ahead = AHEAD_PER_THREAD * max(threads, 1)
        return self

    def __exit__(self, *exc) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._config.__exit__(None, None, None)

    def __call__(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        """Each document's analysis, as batches finish (not in input order).

        ``ahead`` batches are in flight at any time: a finished one is replaced
        by the next before its results are handed back, so the workers never wait
        for the writer, and memory holds those batches only, whatever the corpus.
        """
        from dask.distributed import as_completed

        batches = _batches(documents, self.batch)
        running = as_completed()
        for batch in islice(batches, self.ahead):
            running.add(self._submit(batch))
        for future in running:
            if (batch := next(batches, None)) is not None:
                running.add(self._submit(batch))
            yield from future.result()
            future.release()

    def _submit(self, batch: list[Document]):
        return self._client.submit(self.analyse, batch, pure=False, retries=RETRIES)


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    items = iter(documents)
    while batch := list(islice(items, size)):
        yield batch
