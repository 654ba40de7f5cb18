"""Configuration: declarative schema, TOML loading with readable errors and migration, saving that keeps
the operator's comments, validation for the settings dialog, export/import, differences for live apply.

The public API (for the settings dialog and the running wall):

- ``load_config(path, *, strict)`` → LoadedConfig (config, notices, path)
- ``save_config(config, path, *, replace_newer=False)``: only non-defaults, comments kept, atomic
- ``validate_all(values, searches=())`` → list[Problem(key, message)]; ``build_config(values, searches)``
- ``config_diff(old, new)`` → ConfigDiff (changed keys, searches added/removed/changed, restart_needed)
- ``export_settings(config, path, *, comments_from=None)``, ``import_settings(path)`` → Config
"""

from newsroom.config.diff import Change, ConfigDiff, config_diff
from newsroom.config.errors import ConfigError, NewerConfigError
from newsroom.config.loader import Config, LoadedConfig, load_config, parse_config, save_config
from newsroom.config.migrate import CONFIG_VERSION
from newsroom.config.transfer import export_settings, import_settings
from newsroom.config.validate import Problem, build_config, validate_all

__all__ = ["CONFIG_VERSION", "Change", "Config", "ConfigDiff", "ConfigError", "LoadedConfig",
           "NewerConfigError", "Problem", "build_config", "config_diff", "export_settings",
           "import_settings", "load_config", "parse_config", "save_config", "validate_all"]
