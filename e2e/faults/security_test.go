package faults

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// files lists every regular file under root, relative to it.
func files(t *testing.T, root string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out[rel] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDefaultCacheDirMode runs without WHOOSH_CACHE_DIR, so the cache goes
// to $XDG_CACHE_HOME/whoosh, and checks every directory whoosh made there
// is 0700 (quotes and history are the user's business).
func TestDefaultCacheDirMode(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	e := newEnv(t, srv.URL(), fred.URL, smallConfig)
	xdgCache := filepath.Join(e.home, ".cache")
	e.cache = "" // WHOOSH_CACHE_DIR= (empty means unset for whoosh)
	r := e.snapshot(t, "--source", "yahoo")
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	dir := filepath.Join(xdgCache, "whoosh")
	for _, d := range []string{dir, filepath.Join(dir, "history"), filepath.Join(dir, "blobs")} {
		fi, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if m := fi.Mode().Perm(); m != 0o700 {
			t.Errorf("%s has mode %#o, want 0700", d, m)
		}
	}
	readCache(t, dir)
}

// TestWritesOnlyWhereAllowed runs a snapshot with -o and `config init`
// with HOME, XDG dirs and the working directory all inside one temp root,
// then checks every file that appeared is in the cache dir, the -o file or
// the config file.
func TestWritesOnlyWhereAllowed(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	e := newEnv(t, srv.URL(), fred.URL, "")
	before := files(t, e.root)

	run := func(args ...string) {
		t.Helper()
		cmd := exec.CommandContext(context.Background(), binary, args...)
		cmd.Env, cmd.Dir = e.environ(), e.root
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("whoosh %v: %v\n%s", args, err, out)
		}
	}
	run("config", "init")
	out := filepath.Join(e.root, "out", "snap.md")
	os.MkdirAll(filepath.Dir(out), 0o700)
	run("snapshot", "--source", "auto", "--format", "markdown", "-o", out)

	cacheRel, _ := filepath.Rel(e.root, e.cache)
	for f := range files(t, e.root) {
		switch {
		case before[f]:
		case strings.HasPrefix(f, cacheRel+string(filepath.Separator)):
		case f == "out/snap.md", f == "config/whoosh/config.yaml":
		default:
			t.Errorf("whoosh wrote %s, outside its cache, config and -o paths", f)
		}
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("no -o file: %v", err)
	}
}

// TestBadSymbolRejectedBeforeAnyRequest gives configs with path-like and
// query-like symbols: each must be a config error (exit 2) and the fake
// Yahoo must see no request at all.
func TestBadSymbolRejectedBeforeAnyRequest(t *testing.T) {
	fred := fakeFRED(t)
	for _, sym := range []string{"../../x", "A/B", "NVDA?crumb=x", "%2e%2e", "A B", "\x1b[2J"} {
		t.Run(sym, func(t *testing.T) {
			srv := yahootest.New(t)
			cfg := smallConfig + "watchlists:\n  - {name: Bad, symbols: [" + quoteYAML(sym) + "]}\n"
			e := newEnv(t, srv.URL(), fred.URL, cfg)
			r := e.snapshot(t, "--source", "yahoo")
			checkClean(t, r)
			if r.code != 2 {
				t.Errorf("exit %d, want 2 (config error):\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "config.yaml:") {
				t.Errorf("error does not point into the config file:\n%s", r.stderr)
			}
			for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointChart, yahootest.EndpointQuote} {
				if n := srv.Count(ep); n != 0 {
					t.Errorf("%d %s requests despite the bad config", n, ep)
				}
			}
			if _, err := os.Stat(filepath.Join(e.root, "x")); err == nil {
				t.Errorf("a file named x appeared next to the cache")
			}
		})
	}
}

// quoteYAML double-quotes s for a YAML flow sequence.
func quoteYAML(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\x1b", `\e`)
	return `"` + r.Replace(s) + `"`
}

// TestNoSecretsInMessages makes every quote request fail with 401 after a
// good session and checks that neither the crumb nor the session cookie
// appears in what the user sees.
func TestNoSecretsInMessages(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	srv.Always(yahootest.EndpointQuote, yahootest.Status(401))
	srv.Always(yahootest.EndpointChart, yahootest.Status(403))
	e := newEnv(t, srv.URL(), fred.URL, smallConfig)
	r := e.snapshot(t, "--source", "yahoo", "--format", "json")
	checkClean(t, r)
	if srv.Count(yahootest.EndpointCrumb) == 0 {
		t.Fatal("the run never got a crumb; the test proves nothing")
	}
	for _, secret := range []string{"crumb=", "Cr/", "A3=", "sess"} {
		if strings.Contains(r.stderr, secret) || strings.Contains(r.stdout, secret) {
			t.Errorf("output holds %q:\n%s", secret, r.stderr)
		}
	}
}
