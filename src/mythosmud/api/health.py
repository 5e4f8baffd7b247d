"""Readiness: 200 once the world is loaded and the database answers, 503 otherwise."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

router = APIRouter(prefix="/api/v1", tags=["health"])


@router.get("/health")
async def health(request: Request, response: Response) -> dict[str, object]:
    """Whether this server is ready to play."""
    state = request.app.state
    services = getattr(state, "services", None)
    database = "ok"
    try:
        async with state.db_sessions() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        database = "unavailable"
    if services is None or database != "ok":
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "unavailable", "database": database}
    report: dict[str, object] = {"status": "ok", "database": database, "role": services.role}
    if services.runtime is not None:
        report["players"] = len(services.runtime.world.players)
        report["rooms"] = len(services.runtime.world.rooms)
    if services.link is not None:
        report["world"] = "up" if services.link.world_up else "shifting"
        report["sessions"] = len(services.hub.sessions) if services.hub else 0
    return report
