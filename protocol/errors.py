"""Error codes carried in every error body: `{"error": {"code", "message", ...}}`."""

from enum import StrEnum


class ErrorCode(StrEnum):
    # request shape
    BAD_REQUEST = "bad_request"
    VALIDATION = "validation_error"
    BODY_TOO_LARGE = "body_too_large"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    # auth
    UNAUTHENTICATED = "unauthenticated"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_REVOKED = "token_revoked"
    BAD_CREDENTIALS = "bad_credentials"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    LOGIN_BUSY = "login_busy"  # every password check is busy: retry after Retry-After
    FORBIDDEN = "forbidden"
    # permissions: each refusal names the rule (SPEC O1-O4, P8)
    OPERATOR_SEAT_REQUIRED = "operator_seat_required"  # O2, P8: my seat is off
    ASSIGNEE_SEAT_OFF = "assignee_seat_off"  # O1: only seat-on managers can be assigned
    PERMISSION_REQUIRED = "permission_required"  # O4: e.g. "delete chats"
    ADMIN_REQUIRED = "admin_required"  # O3, O4: only admins and owners change other managers
    OWNER_REQUIRED = "owner_required"  # O4: only an owner makes or unmakes an owner
    LAST_OWNER = "last_owner"  # O4: the workspace's last active owner stays an owner
    MANAGER_DEACTIVATED = "manager_deactivated"  # O1, R1: a deactivated manager takes nothing
    # administration (issue 17)
    NAME_TAKEN = "name_taken"  # a team's name is already used in the workspace
    INVITATION_INVALID = "invitation_invalid"  # no such invitation token
    INVITATION_USED = "invitation_used"  # the invitation was accepted (or withdrawn) already
    INVITATION_EXPIRED = "invitation_expired"  # the invitation's time ran out
    # sync
    RESYNC_REQUIRED = "resync_required"
    UNKNOWN_MUTATION = "unknown_mutation"
    MUTATION_OUT_OF_ORDER = "mutation_out_of_order"
    CLIENT_MISMATCH = "client_mismatch"
    # business rules (a refused mutation carries one of these)
    STALE_VALUE = "stale_value"
    INVALID_VALUE = "invalid_value"
    DUPLICATE_ID = "duplicate_id"
    LIMIT_EXCEEDED = "limit_exceeded"
    INTERNAL = "internal_error"
    # uploads (M1): each refusal names the limit or the fault
    FILE_TOO_LARGE = "file_too_large"  # over MAX_FILE_BYTES, refused at creation (413)
    TOO_MANY_FILES = "too_many_files"  # an 11th file for one message, refused at creation
    UPLOAD_EXPIRED = "upload_expired"  # not finished within the deadline: bytes removed (410)
    UPLOAD_OFFSET_MISMATCH = "upload_offset_mismatch"  # PATCH at the wrong offset (409)
    CHECKSUM_MISMATCH = "checksum_mismatch"  # Upload-Checksum did not match (460)
    UPLOAD_UNFINISHED = "upload_unfinished"  # a message referenced a file not fully up
