"""What a public body's site must have on every page (issue 23): a plain link to report a problem with the
page, a link to the accessibility statement and the updates, and one true line on privacy. The links are
made here, as plain data the theme's footer (overrides/partials/copyright.html) prints; nothing needs
JavaScript: a problem is reported by an email (mailto:) or a new GitHub issue, the page's title and address
filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode

# An email address (no spaces, one @, a dot in the domain), or a GitHub repository's address.
EMAIL = re.compile(r"^[^\s@<>\"]+@[^\s@<>\"]+\.[^\s@<>\"]+$")
GITHUB_REPOSITORY = re.compile(r"^https://github\.com/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})/?$")
PRIVACY = "This site sets no cookies, uses no analytics and loads nothing from other sites."
ACCESSIBILITY_PAGE = "accessibility.md"
UPDATES_PAGE = "updates.md"


def check_address(value: str) -> str | None:
    """Why `value` cannot be where problems are reported (None when it can, or is empty)."""
    if not value or EMAIL.match(value) or GITHUB_REPOSITORY.match(value):
        return None
    return "must be an email address (name@council.gov.uk) or a GitHub repository's address (https://github.com/OWNER/REPO), or empty for no link"


def report_href(to: str, title: str, address: str) -> str | None:
    """The link that reports a problem with the page called `title` at `address`: an email with the subject
    and the first lines written, or a new GitHub issue with its title and body filled in. None with no `to`."""
    if not to:
        return None
    subject = f"Problem with the page: {title}"
    body = f"Page: {title}\nAddress: {address}\n\nWhat is wrong:\n"
    github = GITHUB_REPOSITORY.match(to)
    if github:
        owner, repo = github.group(1), github.group(2).removesuffix(".git")
        return f"https://github.com/{owner}/{repo}/issues/new?" + urlencode({"title": subject, "body": body}, quote_via=quote)
    return f"mailto:{to}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)


@dataclass(frozen=True)
class Footer:
    """What every page's footer adds to Material's: addresses relative to the site's root."""

    report_href: str | None
    accessibility: str
    updates: str | None
    privacy: str = PRIVACY


def page_address(site_url: str, page_url: str) -> str:
    """The page's full address when the site's is known (site_url in mkdocs.yml), else its path on the site."""
    if site_url:
        return site_url.rstrip("/") + "/" + page_url
    return "/" + page_url
