package market

import "math"

// BasketIndex chain-links a weighted basket over the panel's calendar:
// I_t = I_{t-1} · (1 + Σ w_i r_i,t / Σ w_i), the sums running over members
// with a return that day. The index is 100 on the first date any member has
// a close and NaN before; on a day no member has a return it stays flat.
func BasketIndex(p *Panel, members []Member) []float64 {
	idx := make([]float64, len(p.Dates))
	rows, weights := basketRows(p, members)
	started := false
	for t := range idx {
		idx[t] = math.NaN()
		if !started {
			for _, row := range rows {
				if valid(row[t]) {
					started = true
					break
				}
			}
			if started {
				idx[t] = 100
			}
			continue
		}
		idx[t] = idx[t-1] * (1 + dayReturn(rows, weights, t))
	}
	return idx
}

// dayReturn is the weighted mean return of the members with a return on t
// (0 when none has one).
func dayReturn(rows [][]float64, weights []float64, t int) float64 {
	var sum, wsum float64
	for i, row := range rows {
		if t > 0 && valid(row[t]) && valid(row[t-1]) {
			sum += weights[i] * (row[t]/row[t-1] - 1)
			wsum += weights[i]
		}
	}
	if wsum == 0 {
		return 0
	}
	return sum / wsum
}

func basketRows(p *Panel, members []Member) (rows [][]float64, weights []float64) {
	for _, m := range members {
		if row := p.Row(m.Symbol); row != nil && m.Weight > 0 {
			rows = append(rows, row)
			weights = append(weights, m.Weight)
		}
	}
	return rows, weights
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
	var total float64
	for _, m := range members {
		total += m.Weight
	}
	rows, weights := basketRows(p, members)
	contrib := make([]float64, len(rows))
	for t := start + 1; t <= end; t++ {
		if math.IsNaN(idx[t-1]) || math.IsNaN(idx[start]) {
			continue
		}
		var wsum float64
		for i, row := range rows {
			if valid(row[t]) && valid(row[t-1]) {
				wsum += weights[i]
			}
		}
		if wsum == 0 {
			continue
		}
		scale := idx[t-1] / idx[start] / wsum
		for i, row := range rows {
			if valid(row[t]) && valid(row[t-1]) {
				contrib[i] += scale * weights[i] * (row[t]/row[t-1] - 1)
			}
		}
	}
	out := make([]MemberStat, len(members))
	k := 0
	for i, m := range members {
		st := MemberStat{Symbol: m.Symbol, Weight: m.Weight / total, Last: math.NaN(), DayPct: math.NaN(), WindowPct: math.NaN()}
		row := p.Row(m.Symbol)
		if row == nil || m.Weight <= 0 {
			st.Missing = row == nil
			out[i] = st
			continue
		}
		st.Contribution = 100 * contrib[k]
		k++
		if end >= 0 {
			st.Last = lastValid(row[:end+1])
			if end > 0 && valid(row[end]) && valid(row[end-1]) {
				st.DayPct = 100 * (row[end]/row[end-1] - 1)
			}
			if first := firstValid(row[start : end+1]); !math.IsNaN(first) && valid(row[end]) {
				st.WindowPct = 100 * (row[end]/first - 1)
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
