"""Generated pages are made when mkdocs reads them, not held from on_files to the end of the build."""

from mkdocs.config.defaults import MkDocsConfig

from macros.site.engine.units import MadeOnRead


def _config(tmp_path) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors
    config.plugins._current_plugin = "care"  # mkdocs sets this while a plugin's event runs
    return config


def test_a_generated_page_is_made_only_when_read(tmp_path):
    made = []
    page = MadeOnRead.make(_config(tmp_path), "areas/a.md", lambda: made.append("a") or "# A\n")
    assert made == []
    assert page.content_string == "# A\n" and made == ["a"]
    assert page.content_bytes == b"# A\n"
    assert page.is_documentation_page() and page.url == "areas/a/"


def test_a_plugin_can_still_replace_its_markdown(tmp_path):
    page = MadeOnRead.make(_config(tmp_path), "areas/a.md", lambda: "# A\n")
    page.content_string = "# B\n"
    assert page.content_string == "# B\n"
