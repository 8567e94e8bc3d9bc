"""The one exception services raise for a refused request, and its HTTP status."""

from __future__ import annotations

from typing import Any

from protocol.errors import ErrorCode

STATUS: dict[ErrorCode, int] = {
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.VALIDATION: 422,
    ErrorCode.BODY_TOO_LARGE: 413,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.TOKEN_EXPIRED: 401,
    ErrorCode.TOKEN_REVOKED: 401,
    ErrorCode.BAD_CREDENTIALS: 401,
    ErrorCode.TOO_MANY_ATTEMPTS: 429,
    ErrorCode.LOGIN_BUSY: 429,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.OPERATOR_SEAT_REQUIRED: 403,
    ErrorCode.ASSIGNEE_SEAT_OFF: 403,
    ErrorCode.PERMISSION_REQUIRED: 403,
    ErrorCode.ADMIN_REQUIRED: 403,
    ErrorCode.OWNER_REQUIRED: 403,
    ErrorCode.LAST_OWNER: 409,
    ErrorCode.MANAGER_DEACTIVATED: 409,
    ErrorCode.NAME_TAKEN: 409,
    ErrorCode.INVITATION_INVALID: 404,
    ErrorCode.INVITATION_USED: 410,
    ErrorCode.INVITATION_EXPIRED: 410,
    ErrorCode.RESYNC_REQUIRED: 410,
    ErrorCode.UNKNOWN_MUTATION: 422,
    ErrorCode.MUTATION_OUT_OF_ORDER: 409,
    ErrorCode.CLIENT_MISMATCH: 403,
    ErrorCode.STALE_VALUE: 409,
    ErrorCode.INVALID_VALUE: 422,
    ErrorCode.DUPLICATE_ID: 409,
    ErrorCode.LIMIT_EXCEEDED: 422,
    ErrorCode.INTERNAL: 500,
    ErrorCode.FILE_TOO_LARGE: 413,
    ErrorCode.TOO_MANY_FILES: 409,
    ErrorCode.UPLOAD_EXPIRED: 410,
    ErrorCode.UPLOAD_OFFSET_MISMATCH: 409,
    ErrorCode.CHECKSUM_MISMATCH: 460,
    ErrorCode.UPLOAD_UNFINISHED: 409,
}


class ServiceError(Exception):
    """A rule said no. Routers turn it into `{"error": {...}}` with STATUS[code]."""

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        current: Any = None,
        headers: dict[str, str] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self._status = status
        self.code = code
        self.message = message
        self.current = current
        self.headers = headers or {}

    @property
    def status(self) -> int:
        """The code's status, unless the refusal named its own (tus asks for 412, 415)."""
        return self._status or STATUS[self.code]

    def body(self) -> dict[str, Any]:
        detail: dict[str, Any] = {"code": self.code.value, "message": self.message}
        if self.current is not None:
            detail["current"] = self.current
        return {"error": detail}
