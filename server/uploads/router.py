"""`/uploads` (tus 1.0: core, creation, creation-with-upload, expiration, checksum,
termination) and `/files/{id}` (downloads, with ranges).

The tus endpoints are left out of the OpenAPI schema: their input is headers and a raw
byte stream, which OpenAPI cannot describe well enough for a generated client or for
the schemathesis test to exercise; tests/server/test_uploads.py covers them instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import StreamingResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials
from starlette.requests import ClientDisconnect

from protocol.errors import ErrorCode
from protocol.limits import MAX_FILE_BYTES
from protocol.uploads import (
    CHECKSUM_ALGORITHMS,
    FILES_PATH,
    OFFSET_CONTENT_TYPE,
    TUS_EXTENSIONS,
    TUS_VERSION,
    UPLOADS_PATH,
)
from server.auth.secrets import MANAGER_TOKEN_PREFIX
from server.deps import Svc, bearer
from server.errors import ServiceError
from server.uploads.download import content_disposition, parse_range
from server.uploads.service import Who, expires_header, parse_checksum, parse_metadata

TUS_HEADERS = {"Tus-Resumable": TUS_VERSION}


class TusRoute(APIRoute):
    """Every tus answer, refusals included, says which tus it speaks."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def tus_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except ServiceError as exc:
                exc.headers = {**TUS_HEADERS, **exc.headers}
                raise

        return tus_handler


async def anyone(
    request: Request,
    svc: Svc,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Who:
    """A manager, or a chat's customer with their token. Anything but a manager's token
    (a customer's, none, a forged one) is a public call: it counts against its address's
    public limit first (429 when over), as every /customer request does."""
    token = cred.credentials if cred else None
    if not (token and token.startswith(MANAGER_TOKEN_PREFIX)):
        host = request.client.host if request.client else None
        await svc.customers.limits.request(host)
    return await svc.auth.authenticate_any(token)


Anyone = Annotated[Who, Depends(anyone)]


def _tus_version(request: Request) -> None:
    if request.headers.get("tus-resumable") != TUS_VERSION:
        raise ServiceError(
            ErrorCode.BAD_REQUEST,
            f"Send Tus-Resumable: {TUS_VERSION}.",
            status=412,
            headers={"Tus-Version": TUS_VERSION},
        )


uploads = APIRouter(
    prefix=UPLOADS_PATH,
    tags=["uploads"],
    route_class=TusRoute,
    dependencies=[Depends(_tus_version)],
)
options_router = APIRouter(prefix=UPLOADS_PATH, tags=["uploads"])
files = APIRouter(prefix=FILES_PATH, tags=["files"])


@options_router.options("", status_code=204, include_in_schema=False)
async def discover() -> Response:
    return Response(
        status_code=204,
        headers={
            **TUS_HEADERS,
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": ",".join(TUS_EXTENSIONS),
            "Tus-Max-Size": str(MAX_FILE_BYTES),
            "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
        },
    )


def _int_header(request: Request, name: str) -> int:
    value = request.headers.get(name)
    if value is None or not value.isdigit() or len(value) > 19:
        raise ServiceError(ErrorCode.BAD_REQUEST, f"{name} must be a whole number of bytes.")
    return int(value)


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    chunked = "chunked" in request.headers.get("transfer-encoding", "")
    return chunked or (length is not None and length != "0")


def _offset_body(request: Request) -> None:
    if request.headers.get("content-type", "").split(";")[0].strip() != OFFSET_CONTENT_TYPE:
        raise ServiceError(
            ErrorCode.BAD_REQUEST, f"Content-Type must be {OFFSET_CONTENT_TYPE}.", status=415
        )


@uploads.post("", status_code=201, include_in_schema=False)
async def create(request: Request, who: Anyone, svc: Svc) -> Response:
    if "upload-defer-length" in request.headers:
        raise ServiceError(ErrorCode.BAD_REQUEST, "Upload-Length is required (no deferral).")
    length = _int_header(request, "Upload-Length")
    body = _has_body(request)
    if body:  # creation-with-upload: its headers are checked before anything is made
        _offset_body(request)
    checksum = parse_checksum(request.headers.get("upload-checksum"))
    row = await svc.uploads.create(
        who, length, parse_metadata(request.headers.get("upload-metadata"))
    )
    location = f"{UPLOADS_PATH}/{row.id}"
    headers = {**TUS_HEADERS, "Location": location, **expires_header(row.expires_at)}
    offset = row.received
    if body and offset == 0 and row.size > 0:
        try:
            progress = await svc.uploads.append(
                who, row.id, 0, request.stream(), checksum, on_disconnect=ClientDisconnect
            )
            offset = progress.offset
        except ServiceError as exc:
            exc.headers = {**headers, **exc.headers}
            raise
    if body or offset:
        headers["Upload-Offset"] = str(offset)
    return Response(status_code=201, headers=headers)


@uploads.head("/{file_id}", include_in_schema=False)
async def status(file_id: uuid.UUID, who: Anyone, svc: Svc) -> Response:
    row = await svc.uploads.status(who, file_id)
    return Response(
        status_code=200,
        headers={
            **TUS_HEADERS,
            "Upload-Offset": str(row.received),
            "Upload-Length": str(row.size),
            "Cache-Control": "no-store",
            **(expires_header(row.expires_at) if row.completed_at is None else {}),
        },
    )


@uploads.patch("/{file_id}", status_code=204, include_in_schema=False)
async def append(file_id: uuid.UUID, request: Request, who: Anyone, svc: Svc) -> Response:
    _offset_body(request)
    offset = _int_header(request, "Upload-Offset")
    checksum = parse_checksum(request.headers.get("upload-checksum"))
    progress = await svc.uploads.append(
        who, file_id, offset, request.stream(), checksum, on_disconnect=ClientDisconnect
    )
    return Response(
        status_code=204,
        headers={
            **TUS_HEADERS,
            "Upload-Offset": str(progress.offset),
            **expires_header(progress.expires_at),
        },
    )


@uploads.delete("/{file_id}", status_code=204, include_in_schema=False)
async def terminate(file_id: uuid.UUID, who: Anyone, svc: Svc) -> Response:
    await svc.uploads.terminate(who, file_id)
    return Response(status_code=204, headers=TUS_HEADERS)


@files.get(
    "/{file_id}",
    responses={
        200: {"content": {"application/octet-stream": {}}, "description": "The file's bytes"},
        206: {"description": "The requested range"},
        416: {"description": "The range is outside the file"},
    },
)
async def download(file_id: uuid.UUID, request: Request, who: Anyone, svc: Svc) -> Response:
    """A finished file, for a manager of its workspace or its chat's customer; `Range`
    (one range) answers 206."""
    row, parts = await svc.uploads.readable(who, file_id)
    size = row.size
    etag = f'"{row.id}"'
    headers = {
        "Accept-Ranges": "bytes",
        "ETag": etag,
        "Content-Disposition": content_disposition(row.name),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, max-age=31536000, immutable",
    }
    wanted = request.headers.get("range")
    if_range = request.headers.get("if-range")
    span = parse_range(wanted, size) if wanted and if_range in (None, etag) else None
    if span == "unsatisfiable":
        return Response(status_code=416, headers={**headers, "Content-Range": f"bytes */{size}"})
    start, end, code = (0, size, 200) if span is None else (span[0], span[1], 206)
    if code == 206:
        headers["Content-Range"] = f"bytes {start}-{end - 1}/{size}"
    headers["Content-Length"] = str(end - start)
    headers["Content-Type"] = row.content_type  # as uploaded: no charset guessed
    return StreamingResponse(svc.uploads.read(parts, start, end), status_code=code, headers=headers)
