"""The serve stage: the event database as a local web dashboard and JSON API."""

from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1, log_level: str = "warning",
          allow_hosts: tuple[str, ...] = (), announce=None, extract_timeout: float = 60.0) -> None:
    """Serve ``db`` read-only until interrupted, from ``workers`` processes. The database
    is opened (and any error raised) before ``announce`` is called. SIGTERM or Ctrl-C ends
    it within about a second: requests still running then are cut off."""
    import os

    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::"):
        allow_hosts = (*allow_hosts, host)
    app = create_app(db, allow_hosts=allow_hosts, extract_timeout=extract_timeout,  # also checks the database opens
                     in_memory=workers == 1)  # the workers hold their own
    if announce is not None:
        announce()
    common = dict(host=host, port=port, log_level=log_level, timeout_graceful_shutdown=1)
    if workers > 1:
        os.environ["EVENTWIRE_DB"] = db
        os.environ["EVENTWIRE_ALLOW_HOSTS"] = ",".join(allow_hosts)
        os.environ["EVENTWIRE_EXTRACT_TIMEOUT"] = str(extract_timeout)
        uvicorn.run("eventwire.serve.app:app_from_env", factory=True, workers=workers, **common)
    else:
        uvicorn.run(app, **common)
