"""Readiness: 200 once the world is loaded and the database answers, 503 otherwise."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text

router = APIRouter(prefix="/api/v1", tags=["health"])


@router.get("/health")
async def health(request: Request, response: Response) -> dict[str, object]:
    """Whether this server is ready to play."""
    state = request.app.state
    runtime = getattr(state, "runtime", None)
    database = "ok"
    try:
        async with state.db_sessions() as session:
            await session.execute(text("SELECT 1"))
    except Exception:
        database = "unavailable"
    if runtime is None or database != "ok":
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "unavailable", "database": database}
    return {
        "status": "ok",
        "database": database,
        "players": len(runtime.world.players),
        "rooms": len(runtime.world.rooms),
    }
