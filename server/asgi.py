"""Entry point for uvicorn workers: settings come from the environment."""

from fastapi import FastAPI

from server.app import create_app


def create() -> FastAPI:
    return create_app()
