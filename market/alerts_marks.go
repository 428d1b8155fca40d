package market

// AlertMark is how a table marks a symbol watched by alert rules.
type AlertMark int

// The marks, weakest first: a symbol under several rules shows the
// strongest.
const (
	MarkNone  AlertMark = iota
	MarkArmed           // a rule on the symbol is armed: it fires on the next crossing
	MarkFired           // a rule on the symbol fired and waits to re-arm
)

// Glyph is the mark's one-cell symbol in a table row: ◆ fired, ◇ armed,
// a space for none.
func (m AlertMark) Glyph() string {
	switch m {
	case MarkFired:
		return "◆"
	case MarkArmed:
		return "◇"
	}
	return " "
}

// AlertMarks returns the mark of each symbol a rule watches (price:SYM,
// day%:SYM, window%:SYM), from the rules' states by name. A rule that fired
// and has not re-armed marks its symbol fired; a rule that is watching
// (armed, or a crossing rule that started past its line and waits to cross
// back without having fired) marks it armed; a rule not evaluated on data
// since it was written marks nothing. Symbols without a mark are absent.
func AlertMarks(rules []AlertRule, states map[string]AlertState) map[string]AlertMark {
	out := map[string]AlertMark{}
	for _, r := range rules {
		switch r.When.Metric.Kind {
		case MetricPrice, MetricDayPct, MetricWindowPct:
		default:
			continue
		}
		st, ok := states[r.Name]
		if !ok || st.When != r.When.String() || st.Phase == PhaseNew {
			continue // not evaluated since the rule was written
		}
		m := MarkArmed
		if st.Phase == PhaseFired && !st.FiredAt.IsZero() {
			m = MarkFired
		}
		sym := r.When.Metric.Arg
		out[sym] = max(out[sym], m)
	}
	return out
}
