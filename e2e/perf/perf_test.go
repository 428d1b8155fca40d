// Package perf measures the built whoosh binary as a process: snapshot wall
// time and peak RSS, and the dashboard's time to first frame, idle CPU,
// idle output and RSS under tmux. The figures go to BENCHMARKS.md; the
// tests log them and fail only when a measurement cannot be taken or the
// dashboard writes to the terminal while idle. They need a quiet machine
// and a minute, so they run only with WHOOSH_PERF=1:
//
//	WHOOSH_PERF=1 go test -v -count 1 -timeout 5m ./e2e/perf/
package perf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/e2e/e2etest"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

var bin string

func TestMain(m *testing.M) {
	if os.Getenv("WHOOSH_PERF") == "" {
		fmt.Println("perf: skipped (set WHOOSH_PERF=1)")
		os.Exit(0)
	}
	e2etest.Main(m.Run, &bin, "perf")
}

// isolated returns an environment whose config and cache directories are
// empty temporary ones: the default config, nothing of the user's.
func isolated(t *testing.T) []string {
	d := t.TempDir()
	env := []string{"HOME=" + d, "XDG_CONFIG_HOME=" + filepath.Join(d, "config"), "XDG_CACHE_HOME=" + filepath.Join(d, "cache"),
		"PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "WHOOSH_YAHOO_BASE=http://127.0.0.1:9"}
	return env
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// TestSnapshotProcess runs `whoosh snapshot --source demo --asof
// 2025-06-30` 30 times per format and logs min/median/max wall time and
// the peak RSS (getrusage ru_maxrss).
func TestSnapshotProcess(t *testing.T) {
	env := isolated(t)
	for _, format := range []string{"text", "json"} {
		var walls []time.Duration
		var rss int64
		for i := 0; i < 30; i++ {
			cmd := exec.Command(bin, "snapshot", "--source", "demo", "--asof", "2025-06-30", "--format", format)
			cmd.Env = env
			var out bytes.Buffer
			cmd.Stdout = &out
			start := time.Now()
			if err := cmd.Run(); err != nil {
				t.Fatalf("snapshot %s: %v", format, err)
			}
			walls = append(walls, time.Since(start))
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				rss = max(rss, ru.Maxrss) // kB on Linux
			}
			if out.Len() == 0 {
				t.Fatalf("snapshot %s: no output", format)
			}
		}
		slices.Sort(walls)
		t.Logf("snapshot --format %s: wall min %v median %v max %v (30 runs); max RSS %.1f MB; load %s",
			format, walls[0].Round(time.Microsecond*100), walls[len(walls)/2].Round(time.Microsecond*100),
			walls[len(walls)-1].Round(time.Microsecond*100), float64(rss)/1024, loadavg())
	}
}

// tmux runs tmux with args and returns its trimmed output.
func tmux(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// cpuTicks returns utime+stime of pid in clock ticks (/proc/PID/stat
// fields 14 and 15; the comm field may hold spaces, so count from ')').
func cpuTicks(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// status returns a field of /proc/PID/status in kB.
func status(t *testing.T, pid int, field string) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, field+":") {
			v, _ := strconv.ParseInt(strings.Fields(l)[1], 10, 64)
			return v
		}
	}
	return -1
}

// wakeups returns the voluntary context switches of all of pid's threads:
// how often the process went to sleep, a proxy for timer wakeups.
func wakeups(pid int) int64 {
	var n int64
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", pid))
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "voluntary_ctxt_switches:") {
				v, _ := strconv.ParseInt(strings.Fields(l)[1], 10, 64)
				n += v
			}
		}
	}
	return n
}

// whooshPID finds the whoosh process under the pane's process (tmux may
// run the command through sh -c).
func whooshPID(t *testing.T, pane int) int {
	t.Helper()
	for i := 0; i < 100; i++ {
		if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pane)); strings.TrimSpace(string(comm)) == "whoosh" {
			return pane
		}
		kids, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pane, pane))
		for _, k := range strings.Fields(string(kids)) {
			pid, _ := strconv.Atoi(k)
			if comm, _ := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); strings.TrimSpace(string(comm)) == "whoosh" {
				return pid
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("no whoosh process in the tmux pane")
	return 0
}

// dashboard is a whoosh dashboard running in a private tmux server.
type dashboard struct {
	t     *testing.T
	sock  string
	name  string
	start time.Time
}

// startDashboard launches whoosh with args in a 120×40 tmux pane.
func startDashboard(t *testing.T, env []string, args ...string) *dashboard {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("no tmux")
	}
	d := &dashboard{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock"), name: "whoosh"}
	cmdline := "env -i " + strings.Join(env, " ") + " " + bin + " " + strings.Join(args, " ")
	d.start = time.Now()
	tmux(t, "-S", d.sock, "new-session", "-d", "-s", d.name, "-x", "120", "-y", "40", cmdline)
	t.Cleanup(func() { exec.Command("tmux", "-S", d.sock, "kill-server").Run() })
	return d
}

// waitFor polls the pane every 10 ms until it shows every marker and
// returns the time since launch of the first non-empty screen and of the
// one with the markers (resolution: the 10 ms poll plus tmux's latency).
func (d *dashboard) waitFor(markers ...string) (first, content time.Duration) {
	d.t.Helper()
	for time.Since(d.start) < 20*time.Second {
		screen, err := exec.Command("tmux", "-S", d.sock, "capture-pane", "-p", "-t", d.name).Output()
		if err == nil && first == 0 && len(bytes.TrimSpace(screen)) > 0 {
			first = time.Since(d.start)
		}
		all := err == nil
		for _, m := range markers {
			all = all && bytes.Contains(screen, []byte(m))
		}
		if all {
			return first, time.Since(d.start)
		}
		time.Sleep(10 * time.Millisecond)
	}
	screen, _ := exec.Command("tmux", "-S", d.sock, "capture-pane", "-p", "-t", d.name).Output()
	d.t.Fatalf("no frame showing %q within 20 s; screen:\n%s", markers, screen)
	return 0, 0
}

func (d *dashboard) pid() int {
	pane, _ := strconv.Atoi(tmux(d.t, "-S", d.sock, "display", "-p", "-t", d.name, "#{pane_pid}"))
	return whooshPID(d.t, pane)
}

// TestDashboardIdle starts the dashboard on demo data in a 120×40 tmux
// pane, measures the time from launch to the first frame showing data,
// then leaves it alone for 60 s (WHOOSH_PERF_IDLE) and measures the CPU it
// used, its wakeups, the bytes it wrote to the terminal (tmux pipe-pane)
// and its RSS.
func TestDashboardIdle(t *testing.T) {
	idle := 60 * time.Second
	if s := os.Getenv("WHOOSH_PERF_IDLE"); s != "" {
		d, err := time.ParseDuration(s)
		if err != nil {
			t.Fatal(err)
		}
		idle = d
	}
	d := startDashboard(t, isolated(t), "--source", "demo", "--asof", "2025-06-30")
	// The header's badge and a basket's change appear once data is in.
	first, content := d.waitFor("DEMO", "%")
	pid := d.pid()
	t.Logf("first non-empty frame %v, first frame with data %v after launch (10 ms polling); load %s",
		first.Round(time.Millisecond), content.Round(time.Millisecond), loadavg())

	time.Sleep(2 * time.Second) // let the startup messages settle
	out := filepath.Join(t.TempDir(), "pane.out")
	tmux(t, "-S", d.sock, "pipe-pane", "-t", d.name, "cat > "+out)
	c0, w0, t0 := cpuTicks(t, pid), wakeups(pid), time.Now()
	time.Sleep(idle)
	c1, w1, el := cpuTicks(t, pid), wakeups(pid), time.Since(t0)
	tmux(t, "-S", d.sock, "pipe-pane", "-t", d.name) // stop piping
	written := int64(-1)
	if fi, err := os.Stat(out); err == nil {
		written = fi.Size()
	}
	hz := 100.0 // USER_HZ on Linux
	cpu := float64(c1-c0) / hz
	t.Logf("idle %v: CPU %.2f s (%.3f%% of one core), %.0f wakeups/s, %d bytes written to the terminal; RSS %.1f MB (peak %.1f MB); load %s",
		el.Round(time.Second), cpu, 100*cpu/el.Seconds(), float64(w1-w0)/el.Seconds(), written,
		float64(status(t, pid, "VmRSS"))/1024, float64(status(t, pid, "VmHWM"))/1024, loadavg())
	if written > 0 {
		t.Errorf("the dashboard wrote %d bytes to the terminal while idle: it re-renders with nothing changed", written)
	}
	tmux(t, "-S", d.sock, "send-keys", "-t", d.name, "q")
}

// TestDashboardFirstFrameFromCache warms the cache with a snapshot against
// the fake Yahoo, then makes every Yahoo answer take 5 s and starts the
// dashboard (source auto, the default): the first frame with data must come
// from the disk cache, long before any network answer.
func TestDashboardFirstFrameFromCache(t *testing.T) {
	srv := yahootest.New(t)
	env := isolated(t)
	for i, e := range env {
		if strings.HasPrefix(e, "WHOOSH_YAHOO_BASE=") {
			env[i] = "WHOOSH_YAHOO_BASE=" + srv.URL()
		}
	}
	env = append(env, "WHOOSH_FRED_BASE=http://127.0.0.1:9")
	warm := exec.Command(bin, "snapshot", "--source", "yahoo")
	warm.Env = env
	start := time.Now()
	if out, err := warm.CombinedOutput(); err != nil {
		t.Fatalf("warming the cache: %v\n%s", err, out)
	}
	t.Logf("cold snapshot --source yahoo against the fake: %v, %d chart and %d quote requests; load %s",
		time.Since(start).Round(time.Millisecond), srv.Count(yahootest.EndpointChart), srv.Count(yahootest.EndpointQuote), loadavg())

	// The same again, warm: quotes only. What is left of the wall time is
	// not Yahoo's (FRED points at a closed port: its retries show here).
	srv.ResetCounts()
	again := exec.Command(bin, "snapshot", "--source", "yahoo")
	again.Env = env
	start = time.Now()
	if out, err := again.CombinedOutput(); err != nil {
		t.Fatalf("warm snapshot: %v\n%s", err, out)
	}
	t.Logf("warm snapshot --source yahoo: %v, %d chart and %d quote requests; load %s",
		time.Since(start).Round(time.Millisecond), srv.Count(yahootest.EndpointChart), srv.Count(yahootest.EndpointQuote), loadavg())

	slow := yahootest.Slow(5 * time.Second)
	for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointCrumb, yahootest.EndpointQuote, yahootest.EndpointChart} {
		srv.Always(ep, slow)
	}
	srv.ResetCounts()
	d := startDashboard(t, env)
	first, content := d.waitFor("%")
	t.Logf("first non-empty frame %v, first frame with cached data %v after launch (every Yahoo answer held 5 s); load %s",
		first.Round(time.Millisecond), content.Round(time.Millisecond), loadavg())
	if content >= 5*time.Second {
		t.Errorf("the first frame with data took %v: it waited for the network", content)
	}
	tmux(t, "-S", d.sock, "send-keys", "-t", d.name, "q")
}
