"""Serve a built site the way GitHub Pages serves it, for measuring what a reader downloads.

GitHub Pages sends text (HTML, CSS, JavaScript, JSON, SVG, XML, plain text) gzipped to a browser that
accepts gzip, with `Cache-Control: max-age=600`; it serves a folder's index.html, redirects a folder named
without its slash, and answers a missing page with the site's 404.html. python -m http.server does none
of the compression, so every byte count and Lighthouse's "text compression" audit would describe a host
the site is never published on. This server does what Pages does, no more: gzip at zlib's default level
(6), no brotli, no HTTP/2 push, no preloading.

    .venv/bin/python benchmarks/pages_server.py SITE_DIR [--port 8000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

# The types GitHub Pages compresses (images other than SVG, fonts and archives are already compressed).
COMPRESSED_TYPES = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "text/xml",
    "text/plain",
    "text/csv",
}
MAX_AGE = 600  # seconds: GitHub Pages' Cache-Control


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GET and HEAD of static files, gzipped when the type is text and the client asks for gzip."""

    def __init__(self, *args, directory: str, gzip_cache: dict, sent: list, **kwargs):
        self._gzip_cache = gzip_cache
        self._sent = sent
        super().__init__(*args, directory=directory, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - the name http.server uses
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        self._serve(with_body=True)

    def do_HEAD(self):  # noqa: N802
        self._serve(with_body=False)

    def _serve(self, *, with_body: bool) -> None:
        url_path = urlsplit(self.path).path
        file = Path(self.translate_path(url_path))  # unquotes, and cannot climb out of the site
        if file.is_dir():
            if not url_path.endswith("/"):
                self._send(301, b"", "text/plain", with_body, location=url_path + "/")
                return
            file = file / "index.html"
        status = 200
        if not file.is_file():
            status, file = 404, Path(self.directory) / "404.html"
            if not file.is_file():
                self._send(404, b"Not found", "text/plain", with_body)
                return
        content_type = self.guess_type(str(file)).split(";")[0]
        body = file.read_bytes()
        encoding = None
        if content_type in COMPRESSED_TYPES and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (str(file), os.stat(file).st_mtime_ns)
            if key not in self._gzip_cache:
                self._gzip_cache[key] = gzip.compress(body, compresslevel=6, mtime=0)
            body, encoding = self._gzip_cache[key], "gzip"
        self._send(status, body, content_type, with_body, encoding=encoding)

    def _send(self, status: int, body: bytes, content_type: str, with_body: bool, *, encoding=None, location=None) -> None:
        self.send_response(status)
        if content_type.startswith("text/") or content_type in ("application/json", "application/javascript", "image/svg+xml"):
            content_type += "; charset=utf-8"
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if location:
            self.send_header("Location", location)
        header_bytes = sum(len(line) for line in self._headers_buffer) + 2  # (the blank line end_headers adds)
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        self._sent.append((urlsplit(self.path).path, header_bytes + (len(body) if with_body else 0)))


class PagesServer:
    """A site served on 127.0.0.1 on a free port in a background thread; use as a context manager.

    `sent` lists every response as (URL path, bytes sent: status line, headers and body), so what a visit
    cost is counted where it is sent, whatever the browser reports."""

    def __init__(self, site: Path, port: int = 0):
        self.sent: list[tuple[str, int]] = []
        handler = functools.partial(PagesHandler, directory=str(site), gzip_cache={}, sent=self.sent)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="pages-server", daemon=True)

    def __enter__(self) -> PagesServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve a built site gzipped, as GitHub Pages does.")
    parser.add_argument("site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with PagesServer(args.site, args.port) as served:
        print(f"Serving {args.site} at {served.url}/ (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
