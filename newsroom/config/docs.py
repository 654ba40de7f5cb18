"""``docs/configuration.md`` generated from the settings schema (a test keeps it current)."""

from __future__ import annotations

from newsroom.config.schema import all_settings
from newsroom.secrets import env_name

HEADER = """# Configuration

The configuration is one TOML file (`newsroom --help` tells where; `--config F` reads another one).
Only values that differ from the defaults need to be written; the settings dialog writes the same
file. Secrets (passwords, tokens) are never stored here: they live in the system keyring.
This page is generated from the settings schema by `python -m newsroom.config.docs`.

## Versions, backups and comments

- The file starts with `version = 2`. A file without `version` is version 1. An older file is read
  as it is; when a key of it was renamed since (version 1 → 2: `pipeline.snapshot_interval_s` is
  now `display.refresh_s`) the file is rewritten once, comments kept, and the old one is kept beside
  it as `config.toml.v1-backup`.
- Saving (the settings dialog) changes only the lines of what changed: your comments, the order of
  keys and keys this version does not know stay as you wrote them; a value set back to its default
  leaves the file, with the comment lines written directly above it. Writing is atomic. A file whose
  layout cannot be updated in place (a new table inside an inline table) is written anew, after it is
  kept as `config.toml.before-rewrite-<time>`.
- A file that cannot be read is copied once to `config.toml.corrupt-<time>` (not again on the next
  start while it is the same file); the wall runs on the defaults and says so, naming the copy. It is
  never saved over before that copy exists.
- A file written by a newer Newsroom Wall (a higher `version`) is copied to `config.toml.v<N>-backup`,
  the wall runs on the defaults and says so, and the settings dialog does not save over it unless you
  confirm.
- Export and import (Data and about) write and read the same format, without secrets; the export
  lists the secrets to set on the other wall.
- Settings applied in the dialog take effect at once, except `wall.language`, `wall.timezone` and
  `log.level`, which take effect at the next start. A removed search's topics leave the wall at once
  (those only it found; a topic another search also found stays until the next start).
- "Test connection", "Send test" and "Test now" use the keys and passwords typed in the dialog, also
  before they are saved; they reach the keyring only with OK or Apply.

## Searches

```toml
[[searches]]
name = "Kanaalweg"                                # shown on the wall; unique
query = '"Kanaalweg" OR #lindeveld -voetbal'       # words, "phrases", OR, -exclusion, #tags, ( )
sources = ["rss", "gnews"]                        # which sources this search asks
languages = ["nl"]                                # expected languages (a prior for short posts)
```

The query language: words and `"exact phrases"` must all occur (implicit AND); `OR` joins
alternatives and binds tighter than AND, as in Google (`a OR b c` is `(a OR b) c`); `-word`
excludes; `#tag` matches the hashtag or the bare word; parentheses group. Matching ignores case and
accents and respects word boundaries ("Gent" does not match "agent").

## Settings

| key | type | default | meaning |
|---|---|---|---|
"""


def render_markdown() -> str:
    """The whole page."""
    rows = []
    for key, s in sorted(all_settings().items()):
        bounds = ""
        if s.minimum is not None or s.maximum is not None:
            bounds = (
                f" ({s.minimum:g}–{s.maximum:g})" if s.minimum is not None and s.maximum is not None else ""
            )
        if s.choices:
            bounds = " (" + " / ".join(s.choices) + ")"
        default = (
            repr(s.default).replace("'", '"') if not isinstance(s.default, bool) else str(s.default).lower()
        )
        meaning = s.title_en + (f": {s.help_en}" if s.help_en else "")
        if s.secret:
            default = "keyring"
            meaning += (f" Set with `newsroom secret set {key}` or the environment variable "
                        f"`{env_name(key)}`; never in this file.")
        shown = default if s.secret else f"`{default}`"
        rows.append(f"| `{key}` | {s.type}{bounds} | {shown} | {meaning} |")
    return HEADER + "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(render_markdown(), end="")
