"""MkDocs' own settings, read the same by the command line and the plugin."""

from __future__ import annotations

from generator.config import load_settings


def test_site_url_from_env_or_its_default_as_mkdocs_reads_it(tmp_path, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: Desk\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n'
                      "use_directory_urls: false\nplugins:\n  - briefing\n")
    monkeypatch.delenv("SITE_URL", raising=False)
    settings = load_settings(config)
    assert (settings.site_name, settings.site_url, settings.directory_urls) == ("Desk", "http://127.0.0.1:8000/", False)
    monkeypatch.setenv("SITE_URL", "https://example.org/wiki")
    assert load_settings(config).site_url == "https://example.org/wiki/"


def test_the_plugins_mkdocs_config_gives_the_same_settings(tmp_path, monkeypatch):
    """The plugin hands MkDocs' config (a mapping) to the same function."""
    monkeypatch.setenv("SITE_URL", "https://example.org/wiki/")
    config = tmp_path / "mkdocs.yml"
    (tmp_path / "docs").mkdir()
    config.write_text('site_name: Desk\nsite_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\nplugins:\n  - briefing\n')
    from_file = load_settings(config)
    from mkdocs.config import load_config

    mkdocs_config = load_config(str(config))
    from_plugin = mkdocs_config.plugins["briefing"]._settings(mkdocs_config)
    assert (from_plugin.site_name, from_plugin.site_url, from_plugin.directory_urls) == \
        (from_file.site_name, from_file.site_url, from_file.directory_urls) == ("Desk", "https://example.org/wiki/", True)
