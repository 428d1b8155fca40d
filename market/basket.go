package market

import "math"

// BasketIndex chain-links a weighted basket over the panel's calendar:
// I_t = I_{t-1} · (1 + Σ w_i r_i,t / Σ w_i), the sums running over members
// with a return that day. The index is 100 on the first date any member has
// a close and NaN before; on a day no member has a return it stays flat.
func BasketIndex(p *Panel, members []Member) []float64 {
	return newChain(p, members, newPrepScratch(len(p.Dates))).idx
}

// chain is a basket chain-linked over the panel: its member rows and
// weights, the index, and W_t = Σ w_i over the members with a return on t
// on the last date (the per-date W_t, which the member attribution reads,
// is scratch: see prepScratch).
type chain struct {
	rows    [][]float64
	at      []int // at[i]: rows[i]'s position in the panel
	weights []float64
	clean   []bool // clean[i]: rows[i] has a valid close on every date
	idx     []float64
	wlast   float64 // W_t on the last date (Patch's attribution)
	first   int     // first date any member has a close (len(idx) when none)
	// before[i] is member i's contribution through the day before the
	// last (memberStats sets it), so Patch adds only the last day's part.
	before []float64
}

// newChain builds the index in one pass along each member's row (rows are
// walked one at a time, never across rows at each date, and each close is
// checked once), leaving W_t in s.wsum for memberStats. The per-date sums
// add the members in basket order, so the result is bit-for-bit the
// date-by-date formula.
func newChain(p *Panel, members []Member, s *prepScratch) *chain {
	n := len(p.Dates)
	c := &chain{idx: make([]float64, n)}
	c.rows, c.at, c.weights, c.clean = basketRows(p, members)
	// Σ w_i r_i,t accumulates in idx itself, which the last loop turns into
	// the index front to back.
	sum, wsum := c.idx, s.wsum[:n]
	clear(wsum)
	first := n // first date any member has a close
	for i, row := range c.rows {
		row = row[:n]
		for t := range first {
			if valid(row[t]) {
				first = t
				break
			}
		}
		w := c.weights[i]
		if c.clean[i] { // every close valid: a return on every date but the first
			for t := 1; t < n; t++ {
				sum[t] += w * (row[t]/row[t-1] - 1)
				wsum[t] += w
			}
			continue
		}
		prev, prevOK := 0.0, false
		for t, v := range row {
			ok := valid(v)
			if ok && prevOK {
				sum[t] += w * (v/prev - 1)
				wsum[t] += w
			}
			prev, prevOK = v, ok
		}
	}
	c.first = first
	for t := range c.idx {
		switch {
		case t < first:
			c.idx[t] = math.NaN()
		case t == first:
			c.idx[t] = 100
		default:
			r := 0.0
			if wsum[t] != 0 {
				r = sum[t] / wsum[t]
			}
			c.idx[t] = c.idx[t-1] * (1 + r)
		}
	}
	if n > 0 {
		c.wlast = wsum[n-1]
	}
	return c
}

// basketRows returns the rows of the members with data and a positive
// weight, their positions in the panel, their weights, and whether each
// row is clean.
func basketRows(p *Panel, members []Member) (rows [][]float64, at []int, weights []float64, clean []bool) {
	for _, m := range members {
		if i, ok := p.index[m.Symbol]; ok && m.Weight > 0 {
			rows = append(rows, p.Values[i])
			at = append(at, i)
			weights = append(weights, m.Weight)
			clean = append(clean, p.clean[i])
		}
	}
	return rows, at, weights, clean
}

// Rebase divides a series by its value at base and multiplies by 100. If
// the series has no value at base, the first value after it is the base.
// The result covers v[base:].
func Rebase(v []float64, base int) []float64 {
	out := make([]float64, len(v)-base)
	b := math.NaN()
	for t := base; t < len(v); t++ {
		if math.IsNaN(b) && !math.IsNaN(v[t]) && v[t] != 0 {
			b = v[t]
		}
		out[t-base] = 100 * v[t] / b
	}
	return out
}

// memberStats describes each member over [start, end] of the panel and
// attributes the basket's window return to them. Contributions are exact:
// the basket's window return equals Σ_t (I_{t-1}/I_start) · R_t, and each
// member's share of R_t is w_i r_i,t / W_t, so member contributions sum to
// the basket's window return in percentage points.
func memberStats(p *Panel, members []Member, idx []float64, start, end int) []MemberStat {
	s := newPrepScratch(len(p.Dates))
	c := newChain(p, members, s)
	c.idx = idx
	return c.memberStats(p, members, s, start, end)
}

// memberStats is memberStats on the chain's own index and W_t (s.wsum,
// which newChain left there for this chain): the scale I_{t-1}/I_start/W_t
// is computed once per date, then each member's row is walked once, up to
// the day before the last (kept in c.before) and then the last day, which
// is all Patch redoes.
func (c *chain) memberStats(p *Panel, members []Member, s *prepScratch, start, end int) []MemberStat {
	contrib := make([]float64, len(c.rows))
	c.before = make([]float64, len(c.rows))
	if end > start {
		scale, use := s.scale[:end+1], s.use[:end+1]
		for t := start + 1; t <= end; t++ {
			scale[t], use[t] = scaleAt(c.idx, start, t, s.wsum[t])
		}
		for i, row := range c.rows {
			row = row[:end+1]
			w := c.weights[i]
			acc := 0.0
			if c.clean[i] {
				for t := start + 1; t < end; t++ {
					if use[t] {
						acc += scale[t] * w * (row[t]/row[t-1] - 1)
					}
				}
			} else {
				acc = contribution(row, w, scale, use, start, end)
			}
			c.before[i] = acc
			contrib[i] = lastContribution(acc, scale[end], use[end], w, row[end], row[end-1])
		}
	}
	return c.members(p, members, contrib, nil, start, end)
}

// contribution is a member's contribution over (start, end): the sum of
// scale[t]·w·r_t over the dates t that count (use) on which row has a
// return, r_t from the close before.
func contribution(row []float64, w float64, scale []float64, use []bool, start, end int) float64 {
	acc := 0.0
	prev := row[start]
	prevOK := valid(prev)
	for t := start + 1; t < end; t++ {
		v := row[t]
		ok := valid(v)
		if ok && prevOK && use[t] {
			acc += scale[t] * w * (v/prev - 1)
		}
		prev, prevOK = v, ok
	}
	return acc
}

// scaleAt is I_{t-1}/I_start/W_t for the index idx and wsum = W_t, the
// weight of a member's return on t in its contribution, and whether t
// counts at all.
func scaleAt(idx []float64, start, t int, wsum float64) (float64, bool) {
	if math.IsNaN(idx[t-1]) || math.IsNaN(idx[start]) || wsum == 0 {
		return 0, false
	}
	return idx[t-1] / idx[start] / wsum, true
}

// lastContribution adds the last day's part to a member's contribution
// through the day before.
func lastContribution(acc, scale float64, use bool, w, v, prev float64) float64 {
	if use && valid(v) && valid(prev) {
		acc += scale * w * (v/prev - 1)
	}
	return acc
}

// members lists each member's stats over [start, end] with its
// contribution (contrib in the order of c.rows). col, when not nil, holds
// the closes on the last date in the panel's row order, in place of the
// rows' own (Patch).
func (c *chain) members(p *Panel, members []Member, contrib, col []float64, start, end int) []MemberStat {
	var total float64
	for _, m := range members {
		total += m.Weight
	}
	out := make([]MemberStat, len(members))
	k := 0
	for i, m := range members {
		st := MemberStat{Symbol: m.Symbol, Weight: m.Weight / total, Last: math.NaN(), DayPct: math.NaN(), WindowPct: math.NaN()}
		at, ok := p.index[m.Symbol]
		if !ok || m.Weight <= 0 {
			st.Missing = !ok
			out[i] = st
			continue
		}
		st.Contribution = 100 * contrib[k]
		k++
		if end >= 0 {
			row, last := p.Values[at], 0.0
			if col != nil {
				last = col[at] // row may end the day before (Extend)
			} else {
				last = row[end]
			}
			st.Last = last
			if !valid(last) {
				st.Last = lastValid(row[:end])
			}
			if end > 0 && valid(last) && valid(row[end-1]) {
				st.DayPct = 100 * (last/row[end-1] - 1)
			}
			first := firstValid(row[start:end])
			if math.IsNaN(first) && valid(last) {
				first = last
			}
			if !math.IsNaN(first) && valid(last) {
				st.WindowPct = 100 * (last/first - 1)
			}
		}
		out[i] = st
	}
	return out
}

func lastValid(v []float64) float64 {
	for t := len(v) - 1; t >= 0; t-- {
		if valid(v[t]) {
			return v[t]
		}
	}
	return math.NaN()
}

func firstValid(v []float64) float64 {
	for _, x := range v {
		if valid(x) {
			return x
		}
	}
	return math.NaN()
}
