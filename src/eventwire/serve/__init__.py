"""The serve stage: the event database as a local web dashboard and JSON API."""

from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1, log_level: str = "warning") -> None:
    """Serve ``db`` read-only until interrupted, from ``workers`` processes."""
    import os

    import uvicorn

    if workers > 1:
        os.environ["EVENTWIRE_DB"] = db
        uvicorn.run("eventwire.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level)
    else:
        uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)
