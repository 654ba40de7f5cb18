"""Configuration: declarative schema, TOML loading with readable errors, atomic saving."""

from newsroom.config.loader import Config, ConfigError, LoadedConfig, load_config, save_config

__all__ = ["Config", "ConfigError", "LoadedConfig", "load_config", "save_config"]
