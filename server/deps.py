"""FastAPI dependencies: the services, and who is calling."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.auth.service import CustomerPrincipal, Principal
from server.services import Services

bearer = HTTPBearer(auto_error=False, description="A manager token from POST /auth/login")
customer_bearer = HTTPBearer(
    auto_error=False, scheme_name="CustomerToken", description="The chat's customer token"
)


async def services(request: Request) -> Services:
    """Async, though it awaits nothing: FastAPI runs a plain `def` dependency on a worker
    thread, and that hand-off would cost more than everything else it does."""
    svc: Services = request.app.state.services
    return svc


Svc = Annotated[Services, Depends(services)]


async def current_manager(
    svc: Svc, cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Principal:
    return await svc.auth.authenticate(cred.credentials if cred else None)


async def current_customer(
    chat_id: uuid.UUID,
    svc: Svc,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(customer_bearer)],
) -> CustomerPrincipal:
    return await svc.auth.authenticate_customer(cred.credentials if cred else None, chat_id)


Me = Annotated[Principal, Depends(current_manager)]
Customer = Annotated[CustomerPrincipal, Depends(current_customer)]
