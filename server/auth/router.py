"""`/auth`: log in for a bearer token, log it out, and say who it belongs to."""

from fastapi import APIRouter, Request, Response

from protocol import schemas as s
from server import wire
from server.deps import Me, Svc

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=s.LoginResponse)
async def login(body: s.LoginRequest, request: Request, svc: Svc) -> s.LoginResponse:
    address = request.client.host if request.client else None
    session = await svc.auth.login(body.email, body.password, body.device_name, address)
    return s.LoginResponse(
        token=session.token,
        expires_at=session.expires_at,
        manager_id=session.manager_id,
        workspace_id=session.workspace_id,
    )


@router.post("/logout", status_code=204)
async def logout(me: Me, svc: Svc) -> Response:
    await svc.auth.logout(me)
    return Response(status_code=204)


@router.get("/me", response_model=s.ManagerOut)
async def whoami(me: Me, svc: Svc) -> dict[str, object]:
    async with svc.db.read() as conn:
        [manager] = await wire.managers(conn, [me.manager_id])
    return manager
