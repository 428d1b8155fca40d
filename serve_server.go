package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/metrics"
	"github.com/whoosh-dev/whoosh/ui"
	"github.com/whoosh-dev/whoosh/ui/screen"
	"github.com/whoosh-dev/whoosh/ui/tui"
)

// serveConfig is what `whoosh serve` was asked for.
type serveConfig struct {
	sshAddr, metricsAddr string
	authorizedKeys       string // "" only with insecureNoAuth
	hostKey              string
	insecureNoAuth       bool
	maxSessions          int
	idleTimeout          time.Duration // 0: none
	allowEdits, noMouse  bool
	keyRate              float64 // keys a second per session
	keyBurst             int
}

// server is whoosh serve: one hub (one pipeline), an SSH server giving
// each session its own dashboard on it, and optionally /metrics.
type server struct {
	cfg        serveConfig
	log        *slog.Logger
	hub        *app.Hub
	window     market.Window
	configPath string // the shared config, written by viewers' edits with --allow-edits

	ssh       *ssh.Server
	sshLn     net.Listener
	http      *http.Server
	metricsLn net.Listener

	open     atomic.Int64 // sessions running a dashboard
	nextID   atomic.Int64
	mu       sync.Mutex
	sessions map[int64]context.CancelFunc
	closing  atomic.Bool
}

// newServer checks the access rules, prepares the host key and listens.
// Nothing is served until run.
func newServer(s *app.Session, cfg serveConfig, log *slog.Logger) (*server, error) {
	srv := &server{cfg: cfg, log: log, hub: s.NewHub(0), window: s.Window, configPath: s.ConfigPath, sessions: map[int64]context.CancelFunc{}}
	srv.hub.Stream().Watch = true
	if err := ensureHostKey(cfg.hostKey); err != nil {
		return nil, err
	}
	opts := []ssh.Option{
		wish.WithAddress(cfg.sshAddr),
		wish.WithHostKeyPath(cfg.hostKey),
		wish.WithVersion("whoosh"),
		wish.WithMiddleware(srv.middleware),
	}
	if cfg.insecureNoAuth {
		if !loopback(cfg.sshAddr) {
			return nil, usagef("--insecure-no-auth is refused on %s: only a loopback address (127.0.0.1, ::1, localhost) may skip authentication", cfg.sshAddr)
		}
		log.Warn("no authentication: anyone who can reach the address gets a dashboard", "addr", cfg.sshAddr)
	} else {
		n, err := countAuthorizedKeys(cfg.authorizedKeys)
		if err != nil {
			return nil, err
		}
		log.Info("public-key authentication", "authorized_keys", cfg.authorizedKeys, "keys", n)
		opts = append(opts, wish.WithPublicKeyAuth(srv.authorize))
	}
	var err error
	if srv.ssh, err = wish.NewServer(opts...); err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	if srv.sshLn, err = net.Listen("tcp", cfg.sshAddr); err != nil {
		return nil, fmt.Errorf("ssh: %w", err)
	}
	if cfg.metricsAddr != "" {
		if srv.metricsLn, err = net.Listen("tcp", cfg.metricsAddr); err != nil {
			srv.sshLn.Close()
			return nil, fmt.Errorf("metrics: %w", err)
		}
		reg := metrics.NewRegistry(metrics.Options{
			State:    func(w market.Window) ui.State { return srv.hub.State(w, time.Now()) },
			Window:   srv.window,
			Sessions: func() int { return int(srv.open.Load()) },
			Requests: s.Requests,
		})
		mux := http.NewServeMux()
		mux.Handle("/metrics", metrics.Handler(reg))
		srv.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	}
	return srv, nil
}

// run serves until ctx is done or the pipeline crashes, then tells every
// session, closes them and returns.
func (srv *server) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var crash atomic.Pointer[crashError]
	srv.hub.Stream().OnPanic = func(v any, stack []byte) {
		crash.CompareAndSwap(nil, &crashError{value: v, stack: stack})
		cancel()
	}
	var wg sync.WaitGroup
	wg.Go(func() { srv.hub.Run(ctx) })
	wg.Go(func() {
		if err := srv.ssh.Serve(srv.sshLn); err != nil && !errors.Is(err, ssh.ErrServerClosed) {
			srv.log.Error("ssh server stopped", "err", err)
			cancel()
		}
	})
	if srv.http != nil {
		wg.Go(func() {
			if err := srv.http.Serve(srv.metricsLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				srv.log.Error("metrics server stopped", "err", err)
				cancel()
			}
		})
	}
	srv.log.Info("serving", "ssh", srv.sshLn.Addr().String(), "metrics", srv.metricsAddr())
	<-ctx.Done()
	srv.shutdown()
	wg.Wait()
	if c := crash.Load(); c != nil {
		srv.log.Error("pipeline crashed", "panic", fmt.Sprint(c.value), "stack", string(c.stack))
		return c
	}
	srv.log.Info("stopped")
	return nil
}

// shutdown ends every session (each is told why) and the listeners,
// waiting a few seconds at most for connections to close.
func (srv *server) shutdown() {
	srv.closing.Store(true)
	srv.mu.Lock()
	for _, cancel := range srv.sessions {
		cancel()
	}
	srv.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if srv.http != nil {
		_ = srv.http.Shutdown(ctx)
	}
	if err := srv.ssh.Shutdown(ctx); err != nil {
		_ = srv.ssh.Close()
	}
}

func (srv *server) sshAddr() string { return srv.sshLn.Addr().String() }

func (srv *server) metricsAddr() string {
	if srv.metricsLn == nil {
		return ""
	}
	return srv.metricsLn.Addr().String()
}

// middleware turns a session into a dashboard, within the limits.
func (srv *server) middleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		id := srv.nextID.Add(1)
		log := srv.log.With("session", id, "user", sess.User(), "remote", sess.RemoteAddr().String())
		if n := srv.open.Add(1); srv.cfg.maxSessions > 0 && n > int64(srv.cfg.maxSessions) {
			srv.open.Add(-1)
			log.Warn("session refused: too many sessions", "max", srv.cfg.maxSessions)
			wish.Fatalln(sess, "whoosh: the server is full, try again later")
			return
		}
		defer srv.open.Add(-1)
		pty, winCh, ok := sess.Pty()
		if !ok {
			wish.Fatalln(sess, "whoosh: a terminal is needed (ssh -t)")
			return
		}
		log.Info("session start", "term", pty.Term, "width", pty.Window.Width, "height", pty.Window.Height)
		start := time.Now()
		reason := srv.dashboard(sess, id, pty, winCh, log)
		log.Info("session end", "reason", reason, "duration", time.Since(start).Round(time.Second))
		next(sess)
	}
}

// sessionProfile is the colour profile of one viewer's terminal: its
// pty's TERM and what its client sent (NO_COLOR, COLORTERM,
// CLICOLOR_FORCE; ssh passes these only with SendEnv). A session always
// has a terminal, so "not a terminal" (TERM=dumb or none) means no
// colour, never no escape sequences at all.
func sessionProfile(term string, environ []string) colorprofile.Profile {
	// no-color.org: NO_COLOR present and not empty turns colour off,
	// whatever its value; colorprofile reads it as a bool, so "yes" would
	// keep colour. The last NO_COLOR the viewer sent counts.
	noColor := ""
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok {
			noColor = v
		}
	}
	if noColor != "" {
		return colorprofile.ASCII
	}
	p := colorprofile.Env(append(slices.Clone(environ), "TERM="+term))
	return max(p, colorprofile.ASCII)
}

// dashboard runs one session's Bubble Tea program on the hub. A panic
// ends this session only.
func (srv *server) dashboard(sess ssh.Session, id int64, pty ssh.Pty, winCh <-chan ssh.Window, log *slog.Logger) (reason string) {
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	srv.mu.Lock()
	srv.sessions[id] = cancel
	srv.mu.Unlock()
	defer func() {
		srv.mu.Lock()
		delete(srv.sessions, id)
		srv.mu.Unlock()
	}()
	defer func() {
		if v := recover(); v != nil {
			log.Error("session crashed", "panic", fmt.Sprint(v))
			wish.Fatalln(sess, "whoosh: internal error, session closed")
			reason = "crash"
		}
	}()

	var p *tea.Program
	ready := make(chan struct{})
	feed, unsubscribe := srv.hub.Subscribe(func(msg any) {
		<-ready
		p.Send(msg)
	})
	defer unsubscribe()
	srv.hub.Stream().Follow(feed) // 1D on this viewer's screen asks the shared stream for 5-minute bars
	defer srv.hub.Stream().Unfollow(feed)
	in := newIdleReader(sess)
	model := viewerModel{
		inner: tui.New(tui.Options{Feed: feed, Window: srv.window, OnRefresh: srv.hub.Refresh, Coalesce: 100 * time.Millisecond,
			// Watchlist edits change the config every viewer shares.
			NoEdits: !srv.cfg.allowEdits, ConfigPath: srv.configPath, OnConfig: srv.hub.Stream().ApplyConfig}),
		feed: feed,
		keys: newTokenBucket(srv.cfg.keyRate, srv.cfg.keyBurst),
	}
	// Every model renders in 256 colours (setServeColors); the writer
	// brings each frame down to what this viewer's terminal shows.
	profile := sessionProfile(pty.Term, sess.Environ())
	log.Debug("session colours", "profile", profile.String())
	out := &colorprofile.Writer{Forward: sess, Profile: profile}
	// Frames are written when they change: an idle viewer costs nothing
	// between polls (ui/screen).
	scr := screen.New(out, !srv.cfg.noMouse)
	p = tea.NewProgram(scr.Model(model), tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(out),
		tea.WithoutSignalHandler(), tea.WithoutRenderer())
	close(ready)
	scr.Open()
	defer scr.Close()

	var idle atomic.Bool
	go func() {
		p.Send(tea.WindowSizeMsg{Width: pty.Window.Width, Height: pty.Window.Height})
		var tick <-chan time.Time
		if d := srv.cfg.idleTimeout; d > 0 {
			t := time.NewTicker(min(max(d/4, 10*time.Millisecond), time.Minute))
			defer t.Stop()
			tick = t.C
		}
		for {
			select {
			case <-ctx.Done():
				return
			case w := <-winCh:
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			case now := <-tick:
				if in.idleFor(now) > srv.cfg.idleTimeout {
					idle.Store(true)
					cancel()
					return
				}
			}
		}
	}()
	_, err := p.Run()
	p.Kill()
	scr.Close() // back on the viewer's normal screen before the goodbye below
	switch {
	case srv.closing.Load():
		wish.Println(sess, "whoosh: the server is shutting down")
		return "shutdown"
	case idle.Load():
		wish.Println(sess, "whoosh: idle for "+srv.cfg.idleTimeout.String()+", disconnected")
		return "idle"
	case errors.Is(err, tea.ErrProgramPanic):
		if c := scr.Crashed(); c != nil {
			log.Error("session crashed", "panic", fmt.Sprint(c.Value), "stack", string(c.Stack))
		} else {
			log.Error("session crashed", "err", err)
		}
		return "crash"
	case sess.Context().Err() != nil:
		return "disconnected"
	}
	return "quit"
}
