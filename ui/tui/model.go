// Package tui is the interactive whoosh dashboard: a Bubble Tea model that
// keeps the raw market data, recomputes the analytics only when the data,
// the window or the config change, and composes the pure panel renderers
// of package ui into screens.
package tui

import (
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// ComputeFunc turns raw data into the State the panels draw; ui.Compute is
// the real one.
type ComputeFunc func(spec market.Spec, d ui.Data, w market.Window, asOf market.Date, now time.Time) ui.State

// Options configure the dashboard.
type Options struct {
	Spec   market.Spec
	Window market.Window
	// AsOf is the last date the analytics consider; nil means today in New
	// York, the exchanges' calendar day.
	// Demo and tests pass a fixed date.
	AsOf func() market.Date
	// Now is the clock for ages in the header; nil means time.Now.
	Now func() time.Time
	// OnRefresh, when set, is called (in a Cmd, never inside Update) when
	// the user presses r; wire it to the poller's refresh. The data itself
	// arrives as messages from a feeds.Poller (HistoryMsg, QuotesMsg,
	// ProgressMsg), macro series as MacroMsg, config reloads as ConfigMsg.
	OnRefresh func()
	// Compute replaces ui.Compute (tests inject fixtures); nil means ui.Compute.
	Compute ComputeFunc
}

// ConfigMsg is a config reload. On Err the model keeps the last good spec
// and shows the error in the header and status line until a good reload;
// otherwise Spec (and Watchlists, when not nil) replace the current ones.
type ConfigMsg struct {
	Spec       market.Spec
	Watchlists []market.Basket
	Window     *market.Window // the window to switch to; nil keeps the current one
	Err        error
}

// MacroMsg carries FRED (or simulated) macro series for the Macro screen
// and the labor leg of the Whoosh Index. An empty Series changes nothing;
// Warnings (a series that failed, a fetch answered from the cache) show in
// the status line until the next MacroMsg.
type MacroMsg struct {
	Series   map[string][]market.Observation
	Origin   feeds.Origin
	Warnings []string
}

// The fixed screens; config watchlists follow as screens 6, 7, ….
const (
	ScreenOverview = iota
	ScreenBaskets
	ScreenTesla
	ScreenWhoosh
	ScreenMacro
	ScreenHelp
	fixedScreens
)

var screenNames = [fixedScreens]string{"Overview", "Baskets", "Tesla vs GM", "Whoosh", "Macro", "Help"}

// Model is the dashboard. It is a tea.Model; View returns a view rendered
// in Update, so it costs nothing while the state is unchanged.
type Model struct {
	o    Options
	keys keyMap
	help help.Model
	spin spinner.Model

	spec    market.Spec
	window  market.Window
	data    ui.Data
	state   ui.State
	hasData bool
	version int

	width, height int
	screen        int
	sort          ui.SortKey
	sel           int
	detail        string // symbol whose detail is open, "" for none

	loading       bool
	spinning      bool
	loaded, total int
	fetchErr      string
	macroWarn     []string
	configErr     string
	note          string
	quitting      bool

	cache *viewCache
	view  string
}

// New returns the dashboard model for o.
func New(o Options) Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.AsOf == nil {
		now := o.Now
		o.AsOf = func() market.Date { return feeds.NewYorkDate(now()) }
	}
	if o.Compute == nil {
		o.Compute = ui.Compute
	}
	m := Model{
		o:       o,
		keys:    defaultKeys(),
		help:    help.New(),
		spin:    spinner.New(spinner.WithSpinner(spinner.Dot)),
		spec:    o.Spec,
		window:  o.Window,
		data:    ui.Data{Histories: map[string]feeds.History{}, Quotes: map[string]feeds.Quote{}},
		width:   80,
		height:  24,
		sort:    ui.SortContribution,
		loading: true,
		cache:   newViewCache(),
	}
	m.recompute()
	m.render()
	return m
}

// Init starts the spinner; the data comes from the poller.
func (m Model) Init() tea.Cmd { return m.spin.Tick }

// Update handles keys, resizes, data and config messages. It never
// blocks: loads run as Cmds, and the only work here is the pure recompute
// and the render of what changed.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 1), max(msg.Height, 1)
	case tea.KeyMsg:
		cmd = m.handleKey(msg)
	case feeds.HistoryMsg:
		for _, h := range msg.Histories {
			m.data.Histories[h.Symbol] = h
		}
		m.fetchErr = errText("history", msg.Err)
		if m.total == 0 || m.loaded >= m.total {
			m.loading = false
		}
		m.recompute()
	case feeds.QuotesMsg:
		for _, q := range msg.Quotes {
			m.data.Quotes[q.Symbol] = q
		}
		m.fetchErr = errText("quotes", msg.Err)
		m.recompute()
	case feeds.ProgressMsg:
		m.loaded, m.total = msg.Done, msg.Total
		m.loading = msg.Done < msg.Total
		m.applyStatus()
		cmd = m.startSpinner()
	case MacroMsg:
		if len(msg.Series) > 0 {
			m.data.Macro, m.data.MacroOrigin = msg.Series, msg.Origin
		}
		m.macroWarn = nil
		for _, w := range msg.Warnings {
			m.macroWarn = append(m.macroWarn, ui.Sanitize(w))
		}
		m.recompute()
	case ConfigMsg:
		cmd = m.applyConfig(msg)
	case spinner.TickMsg:
		if m.loading || !m.hasData {
			m.spin, cmd = m.spin.Update(msg)
		} else {
			m.spinning = false
		}
	default:
		return m, nil
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

func errText(what string, err error) string {
	if err == nil {
		return ""
	}
	return what + ": " + ui.Sanitize(err.Error())
}

// recompute runs the analytics on the data, window and spec; it is called
// only when one of them changed.
func (m *Model) recompute() {
	m.hasData = len(m.data.Histories) > 0
	if m.hasData {
		m.state = m.o.Compute(m.spec, m.data, m.window, m.o.AsOf(), m.o.Now())
	} else {
		m.state = ui.State{Now: m.o.Now(), Status: ui.Status{Errors: map[string]string{}}}
		m.state.Report.Window = m.window
	}
	m.version++
	m.applyStatus()
	m.clampSel()
}

// applyStatus lays the model's own status (loading, fetch and config
// errors) over the computed one.
func (m *Model) applyStatus() {
	st := &m.state.Status
	st.Loading, st.Loaded, st.Total = m.loading, m.loaded, m.total
	st.ConfigError = m.configErr
	st.Warnings = nil
	if m.fetchErr != "" {
		st.Warnings = []string{m.fetchErr}
	}
	st.Warnings = append(st.Warnings, m.macroWarn...)
	m.version++
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || (!m.loading && m.hasData) {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) applyConfig(msg ConfigMsg) tea.Cmd {
	if msg.Err != nil {
		m.configErr = ui.Sanitize(msg.Err.Error())
		m.applyStatus()
		return nil
	}
	m.configErr = ""
	m.spec = msg.Spec
	if msg.Watchlists != nil {
		m.spec.Watchlists = msg.Watchlists
	}
	if msg.Window != nil {
		m.window = *msg.Window
	}
	if m.screen >= m.screenCount() {
		m.screen = ScreenOverview
	}
	m.recompute() // the poller fetches the symbols the new spec adds
	return nil
}

func (m *Model) screenCount() int { return fixedScreens + len(m.spec.Watchlists) }

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	m.note = ""
	switch {
	case key.Matches(msg, k.Quit):
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, k.Back):
		m.detail = ""
	case key.Matches(msg, k.Next):
		m.setScreen((m.screen + 1) % m.screenCount())
	case key.Matches(msg, k.Prev):
		m.setScreen((m.screen + m.screenCount() - 1) % m.screenCount())
	case key.Matches(msg, k.Screen):
		if n := int(msg.String()[0] - '1'); n < m.screenCount() {
			m.setScreen(n)
		}
	case key.Matches(msg, k.Left):
		m.window = m.window.Prev()
		m.recompute()
	case key.Matches(msg, k.Right):
		m.window = m.window.Next()
		m.recompute()
	case key.Matches(msg, k.Up):
		m.sel = max(m.sel-1, 0)
	case key.Matches(msg, k.Down):
		m.sel++
		m.clampSel()
	case key.Matches(msg, k.Sort):
		m.sort = m.sort.Next()
	case key.Matches(msg, k.Enter):
		m.detail = m.selectedSymbol()
	case key.Matches(msg, k.Refresh):
		return m.refresh()
	}
	return nil
}

func (m *Model) setScreen(n int) {
	if n != m.screen {
		m.screen, m.sel, m.detail = n, 0, ""
	}
}

// refresh asks the poller for fresh quotes, in a Cmd.
func (m *Model) refresh() tea.Cmd {
	var cmds []tea.Cmd
	if f := m.o.OnRefresh; f != nil {
		cmds = append(cmds, func() tea.Msg { f(); return nil })
	}
	if len(cmds) == 0 {
		m.note = "refresh: no live source"
		return nil
	}
	m.note = "refreshing…"
	return tea.Batch(cmds...)
}

// rows returns the table rows of the current screen in display order.
func (m *Model) rows() []market.MemberStat {
	r := m.state.Report
	switch {
	case m.screen == ScreenBaskets:
		return append(ui.SortMembers(r.Bits.Members, m.sort), ui.SortMembers(r.Atoms.Members, m.sort)...)
	case m.screen >= fixedScreens && m.screen-fixedScreens < len(r.Watchlists):
		return ui.SortMembers(r.Watchlists[m.screen-fixedScreens].Members, m.sort)
	}
	return nil
}

func (m *Model) clampSel() {
	if n := len(m.rows()); m.sel >= n {
		m.sel = max(n-1, 0)
	}
}

// selectedSymbol is the symbol enter opens: the selected row on table
// screens, Tesla on the Tesla screen.
func (m *Model) selectedSymbol() string {
	if m.screen == ScreenTesla {
		return m.spec.Tesla
	}
	rows := m.rows()
	if m.sel < len(rows) {
		return rows[m.sel].Symbol
	}
	return m.detail
}
