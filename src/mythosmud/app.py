"""The composition root: `create_app(settings)` builds everything in the lifespan."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from mythosmud import roles
from mythosmud.api import auth, characters, health
from mythosmud.api.deps import Throttles
from mythosmud.config import PACKAGE_DIR, Settings
from mythosmud.db.engine import create_engine, session_factory, upgrade
from mythosmud.metrics import CONTENT_TYPE, Metrics
from mythosmud.net import ws
from mythosmud.roles import Role
from mythosmud.world.loader import Content, load_content

log = logging.getLogger("mythosmud")
# Module scripts must be served as JavaScript even where the host's MIME table says otherwise.
mimetypes.add_type("text/javascript", ".js")

WEB_DIR = PACKAGE_DIR / "web"
# The browser client loads nothing from elsewhere and runs no inline script or style.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def create_app(
    settings: Settings,
    *,
    role: Role = "all",
    migrate: bool = True,
    content: Content | None = None,
) -> FastAPI:
    """The app for a role: everything in one process, a gateway, or a world (health, metrics).

    `content` is the world already loaded, if the caller had a moment to spare for it.
    """
    preloaded = content

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        content = load_content(settings.content_dir) if preloaded is None else preloaded
        engine = create_engine(settings.resolved_database_url)
        if migrate and role != "gateway":
            await upgrade(engine)
        sessions = session_factory(engine)
        metrics = Metrics()
        state = app.state
        state.settings = settings
        state.secret = settings.resolved_secret()
        state.content = content
        state.db_sessions = sessions
        state.metrics = metrics
        state.throttles = Throttles.from_settings(settings)
        try:
            services = await roles.start(settings, role, content, sessions, metrics)
        except BaseException:
            await engine.dispose()
            raise
        state.services = services
        state.backend = services.backend
        state.runtime = services.runtime
        log.info(
            "ready (role %s): %d rooms, %d items", role, len(content.rooms), len(content.items)
        )
        try:
            yield
        finally:
            await services.stop()
            await engine.dispose()
            log.info("stopped (role %s); everyone in play was saved", role)

    app = FastAPI(
        title="MythosMUD",
        version="1",
        summary="A persistent text game set in Arkham, 1926.",
        lifespan=lifespan,
        docs_url=None,  # served below from the packaged Swagger UI: no CDN, works offline
        redoc_url=None,
    )
    app.include_router(health.router)
    if role != "world":
        app.include_router(auth.router)
        app.include_router(characters.router)
        app.include_router(ws.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        path = request.url.path
        if path == "/" or path.startswith("/static/"):
            response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-cache"
        return response

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="MythosMUD API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png",
        )

    @app.get("/metrics", include_in_schema=False)
    async def metrics_endpoint(request: Request) -> Response:
        return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE)

    return app
