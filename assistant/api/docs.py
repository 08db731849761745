"""/docs: Swagger UI served from the swagger-ui-bundle-v2 package instead of a CDN, so the API
documentation works on a server without internet and sends no visitor's address to a third party."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from . import texts
from .errors import ApiError, guarded_route_class, rest_error_body

# The only files the page needs; anything else under /docs/assets is 404 (no path from the request
# ever reaches the file system).
_ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css", "favicon-32x32.png": "image/png"}


def build_docs_router() -> APIRouter:
    router = APIRouter(include_in_schema=False, route_class=guarded_route_class(rest_error_body, None))

    @router.get("/docs")
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")  # behind a proxy with a path prefix
        return get_swagger_ui_html(
            openapi_url=f"{root}/openapi.json",
            title=texts.DOCS_TITLE,
            swagger_js_url=f"{root}/docs/assets/swagger-ui-bundle.js",
            swagger_css_url=f"{root}/docs/assets/swagger-ui.css",
            swagger_favicon_url=f"{root}/docs/assets/favicon-32x32.png",
        )

    @router.get("/docs/assets/{name}")
    def asset(name: str) -> FileResponse:
        from swagger_ui_bundle import swagger_ui_path

        if name not in _ASSETS:
            raise ApiError(404, texts.UNKNOWN_ASSET.format(name=name[:100]))
        return FileResponse(str(swagger_ui_path / name), media_type=_ASSETS[name])

    return router
