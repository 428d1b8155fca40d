package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
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
	remember(path, data, err, false) // the base of in-app edits (EditFile)
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
// (mode 0700). It refuses to replace an existing file unless force is set,
// and never replaces anything but a regular file. The file appears whole or
// not at all (see internal/atomicfile).
func Init(path string, force bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("config: %w", err)
	}
	write := atomicfile.Create
	if force {
		write = atomicfile.Write
	}
	err := write(path, 0o600, func(w io.Writer) error {
		_, err := w.Write(defaultYAML)
		return err
	})
	if !force && errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}

// readFile reads at most MaxFileSize+1 bytes, so Parse can reject a huge
// file without it all being read. Anything but a regular file is refused at
// once: a FIFO would block the open until a writer comes, and with it the
// watcher and the exit of the dashboard.
func readFile(path string) ([]byte, error) {
	f, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: reading %s: %w", path, err)
	}
	return data, nil
}

// existsError is config init's refusal to replace a file; it matches
// fs.ErrExist without repeating "file already exists" in its text.
type existsError string

func (e existsError) Error() string {
	return "config: " + string(e) + " already exists (use --force to overwrite it)"
}

func (e existsError) Is(target error) bool { return target == fs.ErrExist }
