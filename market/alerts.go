package market

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// AlertOp compares an alert's metric with its threshold.
type AlertOp string

// The operators. Level operators (< <= > >= == !=) fire when the condition
// starts to hold, including on a rule's first evaluation; the crossing
// operators need the metric seen on the other side first.
const (
	OpLT          AlertOp = "<"
	OpLE          AlertOp = "<="
	OpGT          AlertOp = ">"
	OpGE          AlertOp = ">="
	OpEQ          AlertOp = "=="
	OpNE          AlertOp = "!="
	OpCrossAbove  AlertOp = "crosses above"
	OpCrossBelow  AlertOp = "crosses below"
	alertRearmPct         = 0.02 // default hysteresis: 2 % of the threshold
)

// AlertCond is one condition: metric, operator, threshold. A thesis
// metric compares a Verdict (== or !=), every other metric a number.
type AlertCond struct {
	Metric  AlertMetric
	Op      AlertOp
	Value   float64 // the numeric threshold
	Verdict Verdict // the verdict compared, for thesis:<id>
}

// String writes the condition in the config's syntax.
func (c AlertCond) String() string {
	return c.Metric.String() + " " + string(c.Op) + " " + c.Threshold()
}

// Threshold is the threshold as written: a number or a verdict.
func (c AlertCond) Threshold() string {
	if c.Metric.Kind == MetricThesis {
		return string(c.Verdict)
	}
	return strconv.FormatFloat(c.Value, 'g', -1, 64)
}

func (c AlertCond) crossing() bool { return c.Op == OpCrossAbove || c.Op == OpCrossBelow }

// condRE splits "metric op value"; the metric is whatever precedes the
// first operator, so a watchlist name may hold spaces.
var condRE = regexp.MustCompile(`^\s*(.+?)\s*(<=|>=|==|!=|<|>|crosses\s+above|crosses\s+below)\s*(.*?)\s*$`)

// ParseAlertCond parses "metric op value", e.g. "whoosh > 60",
// "day%:NVDA <= -5", "rs crosses below 100" or
// "thesis:tesla-trades-like-atoms == on_track". Metric names are checked
// by ParseAlertMetric; whether a symbol, basket or claim exists is the
// caller's check.
func ParseAlertCond(s string) (AlertCond, error) {
	m := condRE.FindStringSubmatch(s)
	if m == nil {
		return AlertCond{}, fmt.Errorf("%q is not a condition: write metric, operator, value (e.g. whoosh > 60)", s)
	}
	metric, err := ParseAlertMetric(m[1])
	if err != nil {
		return AlertCond{}, err
	}
	c := AlertCond{Metric: metric, Op: AlertOp(strings.Join(strings.Fields(m[2]), " "))}
	if m[3] == "" {
		return AlertCond{}, fmt.Errorf("%q has no value after %q", s, c.Op)
	}
	if metric.Kind == MetricThesis {
		if c.Op != OpEQ && c.Op != OpNE {
			return AlertCond{}, fmt.Errorf("a thesis verdict is compared with == or !=, not %q", c.Op)
		}
		v := Verdict(strings.ToLower(m[3]))
		switch v {
		case OnTrack, Confirmed, Against, Undecided, NotMeasurable:
		default:
			return AlertCond{}, fmt.Errorf("unknown verdict %q (want on_track, confirmed, against, undecided or not_measurable)", m[3])
		}
		c.Verdict = v
		return c, nil
	}
	x, err := strconv.ParseFloat(strings.TrimPrefix(m[3], "+"), 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return AlertCond{}, fmt.Errorf("threshold %q is not a number", m[3])
	}
	c.Value = x
	return c, nil
}

// AlertRule is a named condition and how it re-arms.
type AlertRule struct {
	Name  string
	When  AlertCond
	Rearm *AlertCond // nil: the opposite side by 2 % of the threshold
}

// AlertValue is a metric's value now: a number or a verdict. OK is false
// when the data does not give it (missing symbol, leg without data).
type AlertValue struct {
	Num     float64
	Verdict Verdict
	OK      bool
}

// String writes the value as a firing reports it.
func (v AlertValue) String() string {
	switch {
	case !v.OK:
		return "n/a"
	case v.Verdict != "":
		return string(v.Verdict)
	}
	return strconv.FormatFloat(v.Num, 'f', 2, 64)
}

// Holds reports whether c holds for v (false when v is unknown). A
// crossing operator holds on its target side: above for crosses above.
func (c AlertCond) Holds(v AlertValue) bool {
	if !v.OK {
		return false
	}
	if c.Metric.Kind == MetricThesis {
		return (v.Verdict == c.Verdict) == (c.Op == OpEQ)
	}
	x := v.Num
	switch c.Op {
	case OpLT:
		return x < c.Value
	case OpLE:
		return x <= c.Value
	case OpGT, OpCrossAbove:
		return x > c.Value
	case OpGE:
		return x >= c.Value
	case OpEQ:
		return x == c.Value
	case OpNE:
		return x != c.Value
	case OpCrossBelow:
		return x < c.Value
	}
	return false
}

// Rearmed reports whether a fired rule re-arms at v: its Rearm condition,
// else the other side of the threshold by 2 % of it (for == : 2 % away;
// for a verdict: any other verdict).
func (r AlertRule) Rearmed(v AlertValue) bool {
	if !v.OK {
		return false
	}
	if r.Rearm != nil {
		return r.Rearm.Holds(v)
	}
	c := r.When
	if c.Metric.Kind == MetricThesis {
		return !c.Holds(v)
	}
	m := alertRearmPct * math.Abs(c.Value)
	switch c.Op {
	case OpGT, OpGE, OpCrossAbove:
		return v.Num < c.Value-m
	case OpLT, OpLE, OpCrossBelow:
		return v.Num > c.Value+m
	case OpEQ:
		return math.Abs(v.Num-c.Value) > m
	case OpNE:
		return v.Num == c.Value
	}
	return false
}

// AlertPhase is where a rule stands.
type AlertPhase string

// The phases. A crossing rule starts in PhaseNew: its first value only
// says which side it is on.
const (
	PhaseNew   AlertPhase = ""
	PhaseArmed AlertPhase = "armed"
	PhaseFired AlertPhase = "fired"
)

// AlertState is a rule's remembered state, persisted between runs.
type AlertState struct {
	When    string     `json:"when"`  // the condition it belongs to: an edited rule starts afresh
	Phase   AlertPhase `json:"phase"` // armed or fired
	Value   string     `json:"value"` // the last known value, as AlertValue.String
	At      time.Time  `json:"at"`    // data time of the last phase change
	FiredAt time.Time  `json:"fired_at,omitzero"`
}

// AlertFiring is one rule firing.
type AlertFiring struct {
	Rule  string
	When  AlertCond
	Value AlertValue
	At    time.Time // the data's time, not the clock's
}

// Message is a one-line description: "whoosh turns bits: whoosh 61.20 > 60".
func (f AlertFiring) Message() string {
	return fmt.Sprintf("%s: %s %s %s %s", f.Rule, f.When.Metric, f.Value, f.When.Op, f.When.Threshold())
}

// StepAlert moves one rule's state on a new value observed at data time
// at and reports whether the rule fires. It fires only on the transition
// into its condition; once fired it waits for Rearmed. An unknown value
// changes nothing.
func StepAlert(r AlertRule, prev AlertState, v AlertValue, at time.Time) (AlertState, bool) {
	when := r.When.String()
	if prev.When != when {
		prev = AlertState{When: when}
	}
	if !v.OK {
		return prev, false
	}
	next := prev
	next.Value = v.String()
	phase := prev.Phase
	if phase == PhaseNew && !r.When.crossing() {
		phase, next.At = PhaseArmed, at
	}
	switch phase {
	case PhaseNew:
		next.Phase, next.At = PhaseArmed, at
		if r.When.Holds(v) {
			next.Phase = PhaseFired // already past the line: no crossing seen
		}
	case PhaseArmed:
		if r.When.Holds(v) {
			next.Phase, next.At, next.FiredAt = PhaseFired, at, at
			return next, true
		}
		next.Phase = PhaseArmed
	case PhaseFired:
		if r.Rearmed(v) {
			next.Phase, next.At = PhaseArmed, at
		}
	}
	return next, false
}

// EvalAlerts steps every rule on in at data time at. It returns the new
// states (by rule name, rules no longer configured dropped) and the
// firings in rule order.
func EvalAlerts(rules []AlertRule, states map[string]AlertState, in AlertInput, at time.Time) (map[string]AlertState, []AlertFiring) {
	next := make(map[string]AlertState, len(rules))
	var fired []AlertFiring
	for _, r := range rules {
		v := in.Value(r.When.Metric)
		st, fire := StepAlert(r, states[r.Name], v, at)
		next[r.Name] = st
		if fire {
			fired = append(fired, AlertFiring{Rule: r.Name, When: r.When, Value: v, At: at})
		}
	}
	return next, fired
}
