"""The preview in the browser: a mistake is shown as a page, and downloads are written when first asked for.

mkdocs serve's live-reload server (mkdocs/livereload) rebuilds in a loop; when a build raises, it prints a
traceback and leaves browsers waiting, and every request waits with them, until a build succeeds. In the
preview, the care plugin does not raise for an editor's mistake: it lists it (Preview.problem), and this
module puts two things around the server:

- its builder is guarded: anything else that stops a build is listed the same way, so the build loop goes on
  and tells browsers to reload;
- its web application is wrapped: while there are problems, every page address is answered with the problem
  page (written into the site folder, so the server adds its live-reload script to it, and the next good build
  reloads the browser onto the site again); an address under downloads/ first has the downloads written.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING

from mkdocs.exceptions import MkDocsException

from ..downloads import FOLDER as DOWNLOADS
from ..templating import environment

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

    from . import Engine

log = logging.getLogger("mkdocs.plugins.care")


def problem_html(problems: list[str]) -> str:
    """The page shown for every address while the build has problems: each as the terminal says it."""
    return environment().get_template("preview_problem.html").render(problems=problems)


class Served:
    """The live-reload server's builder and web application, wrapped for the preview."""

    def __init__(self, preview: Engine, problem_page: str):
        self.preview = preview
        self.problem_page = problem_page
        self.idle = threading.Event()  # clear while a build runs: requests wait for it, as the server's own do
        self.idle.set()
        self._build: Callable[[], None] = lambda: None
        self._app: Callable = lambda environ, start_response: []
        self._mount = "/"

    def install(self, server: LiveReloadServer) -> LiveReloadServer:
        self.preview.settle()  # after the first build
        self._build, server.builder = server.builder, self.build
        app = server.get_app()
        assert app is not None  # the server's own, set when it was made
        self._app, self._mount = app, server.mount_path
        server.set_app(self.app)
        return server

    def build(self) -> None:
        """Run a build; if it raises, list why (the errors it logged, else the exception) instead."""
        self.idle.clear()
        errors = _Errors()
        logging.getLogger("mkdocs").addHandler(errors)
        try:
            self._build()
        except (Exception, SystemExit) as error:  # SystemExit: mkdocs-macros exits on a macro error when told to
            if not isinstance(error, MkDocsException | SystemExit):
                traceback.print_exc()  # a fault in the code, not the editor's: the details are for its maintainers
            message = "\n".join(errors.messages) or _described(error)
            log.error("The preview shows this in the browser until a build works.")
            self.preview.broke(message)
        finally:
            logging.getLogger("mkdocs").removeHandler(errors)
            self.idle.set()

    def app(self, environ: dict, start_response: Callable):
        """The server's application, with the problem page for every page while there are problems."""
        self.idle.wait()
        path = environ.get("PATH_INFO", "")
        if path.startswith(self._mount + DOWNLOADS + "/"):
            self.preview.downloads()
        elif self.preview.problems and path.startswith(self._mount) and (path.endswith("/") or path.endswith(".html")):
            environ = {**environ, "PATH_INFO": self._mount + self.problem_page}
        return self._app(environ, start_response)


class _Errors(logging.Handler):
    """The errors a build logs (what mkdocs printed before giving up), to show them as the terminal did."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _described(error: BaseException) -> str:
    if isinstance(error, SystemExit):
        return f"The build stopped (exit code {error.code}). The terminal says why."
    if isinstance(error, MkDocsException):
        return str(error)
    return f"The build stopped on a fault in the site's code ({type(error).__name__}: {error}). The terminal shows where."
