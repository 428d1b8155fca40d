package e2e

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// customConfig replaces the bits basket (weights 1:3:1, one symbol in lower
// case) and adds a watchlist.
const customConfig = `version: 1
baskets:
  bits:
    name: My Bits
    members: [nvda, {symbol: MSFT, weight: 3}, PLTR]
watchlists:
  - {name: Robots, symbols: [ISRG, ABBV, TSLA]}
`

// TestConfigChangesSnapshot is issue 6's first done-when check: the custom
// basket and the watchlist appear in the demo JSON with their weights
// normalised, and --config, WHOOSH_CONFIG and the XDG default all find it.
func TestConfigChangesSnapshot(t *testing.T) {
	e := newEnv(t)
	path := writeFile(t, t.TempDir(), "custom.yaml", customConfig)
	check := func(t *testing.T, r result) {
		t.Helper()
		doc := decodeDoc(t, r.stdout)
		bits := doc.Baskets.Bits
		if bits.Name != "My Bits" {
			t.Errorf("bits name %q", bits.Name)
		}
		// Weights 1, 3, 1 over a total of 5: 0.2, 0.6, 0.2.
		want := map[string]float64{"NVDA": 0.2, "MSFT": 0.6, "PLTR": 0.2}
		sum := 0.0
		for _, m := range bits.Members {
			w, ok := want[m.Symbol]
			if !ok {
				t.Errorf("unexpected bits member %s", m.Symbol)
				continue
			}
			delete(want, m.Symbol)
			if math.Abs(float64(m.Weight)-w) > 1e-6 {
				t.Errorf("%s weight %v, want %v", m.Symbol, m.Weight, w)
			}
			sum += float64(m.ContributionPP)
		}
		if len(want) != 0 {
			t.Errorf("bits members missing: %v", want)
		}
		// Contributions add up to the basket's window return.
		if math.Abs(sum-float64(bits.ReturnPct)) > 1e-3 {
			t.Errorf("contributions sum to %v, basket return %v", sum, bits.ReturnPct)
		}
		if len(doc.Watchlists) != 1 || doc.Watchlists[0].Name != "Robots" || len(doc.Watchlists[0].Members) != 3 {
			t.Fatalf("watchlists = %+v, want Robots with 3 members", doc.Watchlists)
		}
		for _, m := range doc.Watchlists[0].Members {
			if math.Abs(float64(m.Weight)-1.0/3) > 1e-6 {
				t.Errorf("watchlist %s weight %v, want 1/3", m.Symbol, m.Weight)
			}
		}
	}
	t.Run("flag", func(t *testing.T) {
		check(t, e.mustRun(0, demoRun("--format", "json", "--config", path)...))
	})
	t.Run("env", func(t *testing.T) {
		e := newEnv(t)
		e.set("WHOOSH_CONFIG", path)
		check(t, e.mustRun(0, demoRun("--format", "json")...))
	})
	t.Run("xdg", func(t *testing.T) {
		e := newEnv(t)
		writeFile(t, e.cfg, "whoosh/config.yaml", customConfig)
		check(t, e.mustRun(0, demoRun("--format", "json")...))
	})
	t.Run("text and markdown show the watchlist", func(t *testing.T) {
		for _, f := range []string{"text", "markdown"} {
			r := e.mustRun(0, demoRun("--format", f, "--config", path)...)
			if !strings.Contains(r.stdout, "Robots") || !strings.Contains(r.stdout, "ISRG") {
				t.Errorf("%s has no Robots watchlist", f)
			}
		}
	})
	t.Run("default differs", func(t *testing.T) {
		a := e.mustRun(0, demoRun("--format", "json")...).stdout
		b := e.mustRun(0, demoRun("--format", "json", "--config", path)...).stdout
		if a == b {
			t.Errorf("the config changed nothing")
		}
	})
}

// badConfig has an unknown key on line 2 and a bad symbol on line 5.
const badConfig = `version: 1
bogus_key: 3
baskets:
  bits:
    members: [NVDA, "BAD SYM!"]
`

// TestConfigCheck: config check prints every error as file:line:col with
// a hint and exits 2; a good file prints OK and exits 0. Snapshot with the
// same bad file exits 2 with both errors.
func TestConfigCheck(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.yaml", badConfig)
	good := writeFile(t, dir, "good.yaml", customConfig)
	wantErrs := []string{bad + ":2:1: unknown key \"bogus_key\"", bad + ":5:21: baskets.bits.members: invalid symbol \"BAD SYM!\""}

	r := e.mustRun(2, "config", "check", bad)
	assertNoCrash(t, r)
	for _, w := range wantErrs {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("config check stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "hint:") {
		t.Errorf("no hint:\n%s", r.stderr)
	}
	e.mustRun(2, "config", "check", "--config", bad)

	r = e.mustRun(2, demoRun("--config", bad)...)
	assertNoCrash(t, r)
	for _, w := range wantErrs {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("snapshot stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("snapshot printed with a bad config")
	}

	r = e.mustRun(0, "config", "check", good)
	if strings.TrimSpace(r.stdout) != "OK "+good {
		t.Errorf("config check of a good file: %q", r.stdout)
	}
	// A missing explicit file is an error, not the defaults.
	missing := filepath.Join(dir, "nope.yaml")
	assertOneLine(t, e.mustRun(2, "config", "check", missing), "does not exist")
	assertOneLine(t, e.mustRun(2, demoRun("--config", missing)...), "does not exist")
	env := newEnv(t)
	env.set("WHOOSH_CONFIG", missing)
	assertOneLine(t, env.mustRun(2, demoRun()...), "does not exist")
}

// TestConfigInitAndPath: init writes the default (valid) config where path
// says, refuses a second time without --force (exit 2, file untouched), and
// path honours --config, then WHOOSH_CONFIG, then XDG_CONFIG_HOME.
func TestConfigInitAndPath(t *testing.T) {
	e := newEnv(t)
	def := filepath.Join(e.cfg, "whoosh", "config.yaml")
	if r := e.mustRun(0, "config", "path"); strings.TrimSpace(r.stdout) != def {
		t.Errorf("config path = %q, want %q", r.stdout, def)
	}
	r := e.mustRun(0, "config", "init")
	if !strings.Contains(r.stdout, def) {
		t.Errorf("init does not print the path: %q", r.stdout)
	}
	e.mustRun(0, "config", "check")
	if err := os.WriteFile(def, []byte(customConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	r = e.mustRun(2, "config", "init")
	assertOneLine(t, r, def)
	if data, _ := os.ReadFile(def); string(data) != customConfig {
		t.Errorf("init without --force changed the file")
	}
	e.mustRun(0, "config", "init", "--force")
	if data, _ := os.ReadFile(def); string(data) == customConfig {
		t.Errorf("init --force left the file")
	}

	other := filepath.Join(t.TempDir(), "other.yaml")
	envFile := filepath.Join(t.TempDir(), "env.yaml")
	e.set("WHOOSH_CONFIG", envFile)
	if r := e.mustRun(0, "config", "path"); strings.TrimSpace(r.stdout) != envFile {
		t.Errorf("with WHOOSH_CONFIG: path = %q, want %q", r.stdout, envFile)
	}
	if r := e.mustRun(0, "config", "path", "--config", other); strings.TrimSpace(r.stdout) != other {
		t.Errorf("with --config: path = %q, want %q", r.stdout, other)
	}
	e.mustRun(0, "config", "init", "--config", other)
	e.mustRun(0, "config", "check", other)
}
