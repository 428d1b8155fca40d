package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"
)

// runServe is `whoosh serve`: one pipeline, a dashboard per SSH session,
// and Prometheus metrics. It runs until SIGINT or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer) int {
	var c commonFlags
	var cfg serveConfig
	fs := flag.NewFlagSet("whoosh serve", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&cfg.sshAddr, "ssh", "127.0.0.1:2222", "SSH address to serve dashboards on")
	fs.StringVar(&cfg.metricsAddr, "metrics", "", "address to serve Prometheus /metrics on, e.g. 127.0.0.1:9222 (default: off)")
	fs.StringVar(&cfg.authorizedKeys, "authorized-keys", "", "public keys allowed in, OpenSSH format (default ~/.ssh/authorized_keys)")
	fs.StringVar(&cfg.hostKey, "host-key", "", "SSH host key, generated on first run (default $XDG_STATE_HOME/whoosh/ssh_host_ed25519)")
	fs.BoolVar(&cfg.insecureNoAuth, "insecure-no-auth", false, "let anyone in without a key (refused unless --ssh is a loopback address)")
	fs.IntVar(&cfg.maxSessions, "max-sessions", 32, "most dashboards open at once (0: no limit)")
	fs.DurationVar(&cfg.idleTimeout, "idle-timeout", time.Hour, "disconnect a session after this long without a key (0: never; a wall display wants 0)")
	fs.BoolVar(&cfg.allowEdits, "allow-edits", false, "let viewers add and remove watchlist symbols (a and d), which changes the shared config file")
	fs.BoolVar(&cfg.noMouse, "no-mouse", false, "turn off mouse clicks and the wheel in every session")
	fs.Float64Var(&cfg.keyRate, "key-rate", 30, "keys a second a session may send (bursts of twice that); excess keys are dropped")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: whoosh serve [flags]\n\nServe the dashboard over SSH (ssh -p 2222 HOST), one data pipeline for every viewer.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("serve takes no arguments (got %q)", fs.Arg(0)))
	}
	var h slog.Handler
	switch *logFormat {
	case "text":
		h = slog.NewTextHandler(stderr, nil)
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	default:
		return fail(stderr, usagef("--log-format: %q is not text or json", *logFormat))
	}
	cfg.keyBurst = int(2 * cfg.keyRate)
	if err := cfg.defaults(); err != nil {
		return fail(stderr, err)
	}
	s, err := c.open(time.Now)
	if err != nil {
		return fail(stderr, err)
	}
	setServeColors()
	srv, err := newServer(s, cfg, slog.New(h))
	if err != nil {
		return fail(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := srv.run(ctx); err != nil {
		return exitFailure // logged by run
	}
	return exitOK
}

// setServeColors sets the profile every session's model renders in: 256
// colours (lipgloss's default renderer would follow the server's own
// stdout, colourless under systemd), or none at all when the operator
// sets NO_COLOR. Each session's writer then brings the frames down to its
// own terminal's profile (sessionProfile).
func setServeColors() {
	if os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
		return
	}
	lipgloss.SetColorProfile(termenv.ANSI256)
	lipgloss.SetHasDarkBackground(true)
}

// defaults fills the key paths.
func (cfg *serveConfig) defaults() error {
	if cfg.hostKey == "" {
		dir, err := stateDir()
		if err != nil {
			return usagef("no state directory for the host key (%v): pass --host-key FILE", err)
		}
		cfg.hostKey = filepath.Join(dir, "whoosh", "ssh_host_ed25519")
	}
	if cfg.authorizedKeys == "" && !cfg.insecureNoAuth {
		home, err := os.UserHomeDir()
		if err != nil {
			return usagef("no home directory for ~/.ssh/authorized_keys (%v): pass --authorized-keys FILE", err)
		}
		cfg.authorizedKeys = filepath.Join(home, ".ssh", "authorized_keys")
	}
	return nil
}

// stateDir is $XDG_STATE_HOME, else ~/.local/state.
func stateDir() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "state"), nil
}

// ensureHostKey generates an ed25519 host key at path (0600, its
// directory 0700) unless one is there; the same key is reused on every
// run so clients can pin it.
func ensureHostKey(path string) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("host key: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "whoosh serve host key")
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("host key: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		return fmt.Errorf("host key: %w", err)
	}
	return f.Close()
}

// loopback reports whether addr's host can only be reached from this
// machine.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// readAuthorizedKeys parses an authorized_keys file; lines that do not
// parse are skipped (and counted in bad).
func readAuthorizedKeys(path string) (keys []gossh.PublicKey, bad int, err error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			bad++
			continue
		}
		keys = append(keys, k)
	}
	return keys, bad, sc.Err()
}

// countAuthorizedKeys checks at start that someone can log in: no key
// file, no access.
func countAuthorizedKeys(path string) (int, error) {
	keys, _, err := readAuthorizedKeys(path)
	if err != nil {
		return 0, usagef("--authorized-keys: %v (no key file, no access; --insecure-no-auth is for loopback tests only)", err)
	}
	if len(keys) == 0 {
		return 0, usagef("--authorized-keys: no public key in %s: no one could log in", path)
	}
	return len(keys), nil
}

// authorize checks a client's key against the file, read again on each
// attempt so a removed key is refused without a restart.
func (srv *server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	keys, bad, err := readAuthorizedKeys(srv.cfg.authorizedKeys)
	if err != nil {
		srv.log.Error("authorized keys unreadable: refusing everyone", "err", err)
		return false
	}
	if bad > 0 {
		srv.log.Warn("authorized keys: lines skipped", "bad", bad)
	}
	for _, k := range keys {
		if ssh.KeysEqual(key, k) {
			return true
		}
	}
	srv.log.Warn("key refused", "user", ctx.User(), "remote", ctx.RemoteAddr().String(), "fingerprint", gossh.FingerprintSHA256(key))
	return false
}
