// Package tui is the interactive whoosh dashboard: a Bubble Tea model that
// keeps the raw market data, recomputes the analytics only when the data,
// the window or the config change, and composes the pure panel renderers
// of package ui into screens.
package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// Options configure the dashboard.
type Options struct {
	// Feed is the pipeline's folded data (app.Session.NewFeed); the
	// stream's messages (feeds.HistoryMsg, feeds.QuotesMsg, app.MacroMsg,
	// app.ConfigMsg, …) are folded into it by Update.
	Feed   *app.Feed
	Window market.Window
	// Now is the clock for ages and freshness; nil means time.Now.
	Now func() time.Time
	// OnRefresh, when set, is called (in a Cmd, never inside Update) when
	// the user presses r; wire it to the stream's Refresh.
	OnRefresh func()
	// Coalesce is the shortest time between two recomputes caused by data
	// messages: messages arriving faster (histories streaming in at start)
	// are folded at once and computed together at the end of the interval,
	// so start-up stays linear in the number of symbols. 0 recomputes on
	// every message.
	Coalesce time.Duration
	// ConfigPath is the config file a, d write watchlist edits to
	// (app.Session.ConfigPath; it need not exist yet). "" turns edits off.
	ConfigPath string
	// NoEdits turns a and d off ("edits are off in this session"):
	// whoosh serve sets it unless --allow-edits.
	NoEdits bool
	// OnConfig receives the config an edit wrote, in a Cmd; wire it to
	// the stream's ApplyConfig so the poller fetches an added symbol at
	// once and every front end gets the ConfigMsg. Nil applies the edit
	// to this model only.
	OnConfig func(*config.Config)
}

// recomputeMsg runs a recompute that data messages deferred.
type recomputeMsg struct{}

// ageTickMsg asks for a re-render because the age shown would change.
type ageTickMsg struct{ version int }

// The fixed screens; config watchlists follow as screens 6, 7, ….
const (
	ScreenOverview = iota
	ScreenBaskets
	ScreenTesla
	ScreenWhoosh
	ScreenMacro
	ScreenThesis
	ScreenAlerts
	ScreenHelp
	fixedScreens
)

var screenNames = [fixedScreens]string{"Overview", "Baskets", "Tesla vs GM", "Whoosh", "Macro", "Thesis", "Alerts", "Help"}

// Model is the dashboard. It is a tea.Model; View returns a view rendered
// in Update, so it costs nothing while the state is unchanged.
type Model struct {
	o       Options
	keys    keyMap
	showAll bool // the footer lists every key (?)
	spin    spinner.Model

	feed    *app.Feed
	spec    market.Spec
	window  market.Window
	full    ui.State // the analytics; state is full through the / filter
	state   ui.State
	hasData bool
	version int
	ticks   int // version of the age tick in flight

	dirty       bool      // data changed since the last recompute
	deferred    bool      // a recomputeMsg is on its way
	lastCompute time.Time // wall time of the last recompute

	width, height int
	screen        int
	sort          ui.SortKey
	sel           int            // the selected row of the screen's table(s)
	selKey        map[int]string // per screen, the selected row's symbol (claim id on Thesis); copied on write
	helpTop       int            // the first line of the Help screen shown
	detail        string         // symbol whose detail is open, "" for none
	problems      bool           // the ! view: every problem in full

	spinning bool
	note     string
	editNote string // the last edit's outcome, kept in the note until a key
	quitting bool

	prompt    prompt          // what the keyboard types into (edit.go)
	input     textinput.Model // the add and filter prompts' text
	target    string          // the symbol d asks about
	filter    string          // the / filter on the screen's tables
	saving    bool            // an edit's write is under way
	queued    []tea.Cmd       // edits made meanwhile, written one after another
	adding    map[string]bool // symbols added and still without history
	configGen int             // ConfigMsgs received, to tell a stale undo

	cache *viewCache
	view  string
}

// New returns the dashboard model for o.
func New(o Options) Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	m := Model{
		o:      o,
		keys:   defaultKeys(fixedScreens + len(o.Feed.Spec.Watchlists)),
		spin:   spinner.New(spinner.WithSpinner(spinner.Dot)),
		feed:   o.Feed,
		spec:   o.Feed.Spec,
		window: o.Window,
		width:  80,
		height: 24,
		sort:   ui.SortContribution,
		cache:  newViewCache(),
		input:  newInput(),
		adding: map[string]bool{},
	}
	m.recompute()
	m.lastCompute = time.Time{} // the empty first frame does not delay the first data
	m.render()
	return m
}

// Init starts the spinner and the age clock; the data comes from the
// stream.
func (m Model) Init() tea.Cmd { return tea.Batch(m.spin.Tick, m.ageTick()) }

// Update handles keys, resizes and the stream's messages. It never
// blocks: the only work here is folding a message, the pure recompute and
// the render of what changed.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 1), max(msg.Height, 1)
	case tea.KeyMsg:
		var cmds []tea.Cmd
		for _, k := range splitKeys(msg) {
			cmds = append(cmds, m.handleKey(k))
			if m.quitting {
				break
			}
		}
		cmd = tea.Batch(cmds...)
	case tea.MouseMsg:
		cmd = m.handleMouse(msg)
	case spinner.TickMsg:
		if m.feed.Loading || !m.hasData {
			m.spin, cmd = m.spin.Update(msg)
		} else {
			m.spinning = false
		}
	case ageTickMsg:
		if msg.version != m.ticks {
			return m, nil // superseded by a newer tick
		}
		m.restate()
		cmd = m.ageTick()
	case app.ConfigMsg:
		m.configGen++
		m.feed.Apply(msg)
		cmd = m.applyConfig(msg)
	case editDoneMsg:
		m.editDone(msg)
		cmd = m.nextEdit()
	case recomputeMsg:
		m.deferred = false
		if !m.dirty {
			return m, nil
		}
		m.recompute()
		cmd = m.ageTick()
	default:
		applied := m.feed.Apply(msg)
		if settled := m.settleAdding(msg); !applied && !settled {
			return m, nil
		}
		if m.feed.Refreshed {
			m.feed.Refreshed = false
			m.note = m.feed.RefreshNote
			if m.editNote != "" {
				// The edit the user just made stays in sight: the
				// refresh its config change caused joins it.
				m.note = m.editNote + " · " + m.feed.RefreshNote
			}
		}
		cmd = tea.Batch(m.startSpinner(), m.dataChanged())
	}
	m.render()
	return m, cmd
}

// View returns the view rendered by the last Update (the last frame stays
// after quit, so the terminal keeps what the user saw).
func (m Model) View() string {
	return m.view
}

// State returns the analytics the model currently shows.
func (m Model) State() ui.State { return m.state }

// Screen returns the current screen index (ScreenOverview…; watchlists
// from fixedScreens on).
func (m Model) Screen() int { return m.screen }

// Window returns the current window.
func (m Model) Window() market.Window { return m.window }

// Detail returns the symbol whose detail is open, or "".
func (m Model) Detail() string { return m.detail }

// Sort returns the tables' sort order.
func (m Model) Sort() ui.SortKey { return m.sort }

// Quitting reports whether the user asked to quit.
func (m Model) Quitting() bool { return m.quitting }

func (m *Model) screenCount() int { return fixedScreens + len(m.spec.Watchlists) }
