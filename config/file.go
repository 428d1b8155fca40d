package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// EnvVar names the environment variable that points at a config file.
const EnvVar = "WHOOSH_CONFIG"

// Path returns the config file to use: flagValue (--config) if not empty,
// else $WHOOSH_CONFIG if set, else config.yaml in the whoosh directory of
// os.UserConfigDir ($XDG_CONFIG_HOME/whoosh/config.yaml on Linux).
// explicit reports whether the user named the file, in which case it must
// exist.
func Path(flagValue string) (path string, explicit bool, err error) {
	if flagValue != "" {
		return flagValue, true, nil
	}
	if env := os.Getenv(EnvVar); env != "" {
		return env, true, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", false, fmt.Errorf("config: no config directory: %w", err)
	}
	return filepath.Join(dir, "whoosh", "config.yaml"), false, nil
}

// Load reads and parses the config file at path. A missing file is an
// error wrapping fs.ErrNotExist; an invalid one returns Errors.
func Load(path string) (*Config, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Resolve finds the config file as Path does and loads it. A missing file
// at the default location means the defaults, silently; a missing file the
// user named (--config or $WHOOSH_CONFIG) is an error. It returns the path
// in use either way.
func Resolve(flagValue string) (*Config, string, error) {
	path, explicit, err := Path(flagValue)
	if err != nil {
		if flagValue == "" {
			// No config directory (no $HOME): run on the defaults.
			return Default(), "", nil
		}
		return nil, "", err
	}
	cfg, err := Load(path)
	if err != nil && !explicit && errors.Is(err, fs.ErrNotExist) {
		return Default(), path, nil
	}
	if err != nil {
		return nil, path, err
	}
	return cfg, path, nil
}

// Init writes the commented default config to path, creating its directory
// (mode 0700). It refuses to replace an existing file unless force is set.
// The file appears whole or not at all: it is written to a temporary file
// in the same directory and then linked or renamed into place.
func Init(path string, force bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".config-*.yaml.tmp")
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(defaultYAML); err != nil {
		tmp.Close()
		return fmt.Errorf("config: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("config: writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("config: writing %s: %w", tmp.Name(), err)
	}
	exists := fmt.Errorf("config: %s already exists (use --force to overwrite it): %w", path, fs.ErrExist)
	if !force {
		// A hard link never replaces an existing file, so the check and the
		// write are one step. Some file systems have no hard links; there
		// fall back to check-then-rename.
		err := os.Link(tmp.Name(), path)
		if err == nil {
			return nil
		}
		if errors.Is(err, fs.ErrExist) {
			return exists
		}
		if _, err := os.Lstat(path); err == nil {
			return exists
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}
