"""The serve stage: the event database as a local web dashboard and JSON API."""

from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning") -> None:
    """Serve ``db`` read-only until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level=log_level)
